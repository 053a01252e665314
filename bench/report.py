#!/usr/bin/env python3
"""bench/report.py RAW OUT.md OUT.png: turn HMBENCH lines into a markdown table and a PNG.

The PNG is written with zlib+struct only (no matplotlib on the host): horizontal bar
charts on a log scale with a built-in 5x7 bitmap font.
"""
import math
import re
import struct
import sys
import zlib

CASE_ORDER = ["hugemap-pud", "hugemap-pmd", "hugemap-pte", "hugemap-pte-nobatch", "hugetlbfs-1g", "hugetlbfs-1g-cont",
              "hugetlbfs-32m", "hugetlbfs-2m", "thp-2m", "thp-32m", "devmem-4k", "devmem-16k", "devdax-1g"]
GIB = 1 << 30


def parse(path):
    rows, infos = [], []
    for line in open(path, errors="replace"):
        line = line.strip()
        if line.startswith("HMBENCH "):
            kv = dict(re.findall(r'(\w+)=("[^"]*"|\S+)', line[8:]))
            rows.append(kv)
        elif line.startswith(("HMBENCH-SKIP", "HMBENCH-NOTE")):
            infos.append(line)
        elif line.startswith("HMBENCH-INFO group="):
            infos.append(line)
    return rows, infos


def hsize(b):
    b = int(b)
    for unit, n in (("T", 1 << 40), ("G", GIB), ("M", 1 << 20), ("K", 1024)):
        if b >= n and b % n == 0:
            return "%d%s" % (b // n, unit)
    return str(b)


def corder(r):
    c = r.get("case", "?")
    return (CASE_ORDER.index(c) if c in CASE_ORDER else 99, c)


def sorder(r):
    return (["bar-pud", "bar-pmd", "bar-pte"].index(r["case"]) if r["case"] in ("bar-pud", "bar-pmd", "bar-pte")
            else 9, int(r["size"]))


def page_of(r):
    """base page size of the guest (HMBENCH ... page=N; lines without it are x86 4K)."""
    return int(r.get("page", 4096))


def expected_pt_kib(size, entry, page=4096):
    """page-table pages one mapping needs below the PGD: each table is one base page of
    page/8 entries (4K: 512 entries, PMD entry 2M, PMD table 1G, PUD table 512G;
    arm64 16K: 2048 entries, PMD entry 32M, PMD table 64G, PUD table 128T).
    Returns (maybe, pmd, pte): pmd/pte tables the mapping needs for sure, and tables
    spanning more than the mapping (a PUD table; a 64G PMD table on 16K for a smaller
    mapping), which are new only if no other mapping of the process uses their range."""
    size, entry = int(size), int(entry)
    n = page // 8
    pmd_span, pud_span = page * n, page * n * n
    maybe = max(1, math.ceil(size / (pud_span * n)))
    pmd_pages = 0
    if entry < pud_span:
        if size >= pud_span:
            pmd_pages = math.ceil(size / pud_span)
        else:
            maybe += 1
    pte_pages = math.ceil(size / pmd_span) if entry < pmd_span else 0
    return maybe, pmd_pages, pte_pages


def hm(r, prefix=""):
    if not r["case"].startswith(("hugemap", "bar-")):
        return "-"
    pte = r.get(prefix + "hm_pte", "?")
    if prefix + "hm_ptent" in r and r[prefix + "hm_ptent"] != pte:
        pte = "%s (%s PTEs)" % (pte, r[prefix + "hm_ptent"])
    return "%s/%s/%s/%s" % (r.get(prefix + "hm_pud", "?"), r.get(prefix + "hm_pmd", "?"),
                            pte, r.get("hm_fb", "?"))


def markdown(rows, infos):
    main = sorted([r for r in rows if r.get("mode") in ("map", "anon")],
                  key=lambda r: (int(r["size"]), corder(r)))
    scale = [r for r in rows if r.get("mode") == "scale"]
    errs = [r for r in rows if "error" in r]
    out = []
    pages = sorted({page_of(r) for r in rows if "mode" in r})
    tk = (pages[0] if len(pages) == 1 else 4096) // 1024   # KiB per table page
    if pages and pages != [4096]:
        out.append("Base page size %s: one page-table page is %d KiB and holds %d entries.\n" % (
            "/".join(hsize(p) for p in pages), tk, pages[0] // 8))
    out.append("### Exact counts (populate by writing every byte, fresh mapping)\n")
    out.append("faults = ru_minflt delta of the fill phase, including the process's own 1 incidental "
               "fault; hugemap stats = stats/{pud,pmd,pte}_faults/fallbacks deltas (PTEs inserted, "
               "stats/pte_entries, in brackets where a PTE fault inserted more than one: pte_batch).\n")
    out.append("| case | size | entry | faults (ru_minflt) | hugemap stats pud/pmd/pte/fallbacks "
               "| PageTables delta KiB (/proc/meminfo) | VmPTE delta KiB (process) | expected KiB (PMD+PTE table pages; +%d if a new PUD table%s) | smaps KernelPageSize / AnonHugePages KiB |"
               % (tk, "" if tk == 4 else " or a new 64G PMD table"))
    out.append("|---|---|---|---:|---|---:|---:|---:|---|")
    for r in main:
        if "error" in r:
            continue
        pg = page_of(r) // 1024
        pu, pm, pt = expected_pt_kib(r["size"], r["entry"], page_of(r))
        exp, note = "%d" % (pg * (pm + pt)), ""
        if r["case"].startswith("thp"):
            # one PTE page deposited per huge PMD (kept for a later split)
            exp = "%d + %d deposited" % (pg * (pm + pt), pg * (int(r["size"]) // int(r["entry"])))
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s%s |  %s / %s |" % (
            r["case"], hsize(r["size"]), hsize(r["entry"]), r["fill_faults"], hm(r),
            r["fill_pt_kib"], r.get("fill_vmpte_kib", "?"), exp, note, r["kps_kib"], r["anonhuge_kib"]))
    out.append("")
    out.append("### Timings (TCG-emulated guest, 2-core host: relative only, not hardware figures)\n")
    out.append("| case | size | mmap ms | fill every byte ms | MiB/s | mmap+touch 1 byte/entry ms "
               "| faults (touch) | chase ns/load (TCG) |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|")
    for r in main:
        if "error" in r:
            continue
        mibs = int(r["size"]) / (1 << 20) / max(float(r["fill_ms"]) / 1000, 1e-9)
        out.append("| %s | %s | %s | %s | %.0f | %s | %s | %s |" % (
            r["case"], hsize(r["size"]), r["mmap_ms"], r["fill_ms"], mibs, r["touch_ms"],
            r["touch_faults"], r["chase_ns"]))
    out.append("")
    if scale:
        out.append("### Mapping scale: ivshmem BAR (sparse host file) through hugemap, one read per entry\n")
        out.append("| max_fault | mapping | entry | entries | faults (ru_minflt) | hugemap pud/pmd/pte/fallbacks "
                   "| PageTables delta KiB | VmPTE delta KiB | expected KiB (PMD+PTE tables; +%s if new) | touch ms (TCG) | munmap ms (TCG) |"
                   % ("PUD table" if tk == 4 else "PUD table, 64G PMD table"))
        out.append("|---|---|---|---:|---:|---|---:|---:|---:|---:|---:|")
        for r in sorted(scale, key=sorder):
            if "error" in r:
                continue
            pg = page_of(r) // 1024
            pu, pm, pt = expected_pt_kib(r["size"], r["entry"], page_of(r))
            out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %d (+%d) | %s | %s |" % (
                r["case"], hsize(r["size"]), hsize(r["entry"]), r["entries"], r["faults"], hm(r),
                r["pt_kib"], r.get("vmpte_kib", "?"), pg * (pm + pt), pg * pu, r["touch_ms"], r["munmap_ms"]))
        out.append("")
    if errs or infos:
        out.append("### Not measured / notes\n")
        for r in errs:
            out.append("- %s: error %s" % (r.get("case"), r.get("error")))
        for i in infos:
            out.append("- `%s`" % i)
        out.append("")
    return "\n".join(out)


# ---- PNG --------------------------------------------------------------------

FONT = {
    "A": "01110 10001 10001 11111 10001 10001 10001", "B": "11110 10001 10001 11110 10001 10001 11110",
    "C": "01110 10001 10000 10000 10000 10001 01110", "D": "11110 10001 10001 10001 10001 10001 11110",
    "E": "11111 10000 10000 11110 10000 10000 11111", "F": "11111 10000 10000 11110 10000 10000 10000",
    "G": "01110 10001 10000 10111 10001 10001 01111", "H": "10001 10001 10001 11111 10001 10001 10001",
    "I": "01110 00100 00100 00100 00100 00100 01110", "J": "00111 00010 00010 00010 00010 10010 01100",
    "K": "10001 10010 10100 11000 10100 10010 10001", "L": "10000 10000 10000 10000 10000 10000 11111",
    "M": "10001 11011 10101 10101 10001 10001 10001", "N": "10001 10001 11001 10101 10011 10001 10001",
    "O": "01110 10001 10001 10001 10001 10001 01110", "P": "11110 10001 10001 11110 10000 10000 10000",
    "Q": "01110 10001 10001 10001 10101 10010 01101", "R": "11110 10001 10001 11110 10100 10010 10001",
    "S": "01111 10000 10000 01110 00001 00001 11110", "T": "11111 00100 00100 00100 00100 00100 00100",
    "U": "10001 10001 10001 10001 10001 10001 01110", "V": "10001 10001 10001 10001 10001 01010 00100",
    "W": "10001 10001 10001 10101 10101 10101 01010", "X": "10001 10001 01010 00100 01010 10001 10001",
    "Y": "10001 10001 01010 00100 00100 00100 00100", "Z": "11111 00001 00010 00100 01000 10000 11111",
    "0": "01110 10001 10011 10101 11001 10001 01110", "1": "00100 01100 00100 00100 00100 00100 01110",
    "2": "01110 10001 00001 00010 00100 01000 11111", "3": "11111 00010 00100 00010 00001 10001 01110",
    "4": "00010 00110 01010 10010 11111 00010 00010", "5": "11111 10000 11110 00001 00001 10001 01110",
    "6": "00110 01000 10000 11110 10001 10001 01110", "7": "11111 00001 00010 00100 01000 01000 01000",
    "8": "01110 10001 10001 01110 10001 10001 01110", "9": "01110 10001 10001 01111 00001 00010 01100",
    " ": "00000 00000 00000 00000 00000 00000 00000", "-": "00000 00000 00000 11111 00000 00000 00000",
    ".": "00000 00000 00000 00000 00000 01100 01100", "/": "00001 00001 00010 00100 01000 10000 10000",
    ":": "00000 01100 01100 00000 01100 01100 00000", "(": "00010 00100 01000 01000 01000 00100 00010",
    ")": "01000 00100 00010 00010 00010 00100 01000", ",": "00000 00000 00000 00000 01100 00100 01000",
    "=": "00000 00000 11111 00000 11111 00000 00000", "+": "00000 00100 00100 11111 00100 00100 00000",
    "%": "11000 11001 00010 00100 01000 10011 00011", "_": "00000 00000 00000 00000 00000 00000 11111",
    "<": "00010 00100 01000 10000 01000 00100 00010", ">": "01000 00100 00010 00001 00010 00100 01000",
    "?": "01110 10001 00001 00010 00100 00000 00100", "*": "00000 00100 10101 01110 10101 00100 00000",
}


class Canvas:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.px = bytearray(b"\xff" * (w * h * 3))

    def rect(self, x0, y0, x1, y1, c):
        x0, x1 = max(0, int(x0)), min(self.w, int(x1))
        y0, y1 = max(0, int(y0)), min(self.h, int(y1))
        row = bytes(c) * max(0, x1 - x0)
        for y in range(y0, y1):
            o = (y * self.w + x0) * 3
            self.px[o:o + len(row)] = row

    def text(self, x, y, s, c=(0, 0, 0), k=2):
        for ch in s.upper():
            g = FONT.get(ch, FONT["?"]).split()
            for gy, bits in enumerate(g):
                for gx, b in enumerate(bits):
                    if b == "1":
                        self.rect(x + gx * k, y + gy * k, x + (gx + 1) * k, y + (gy + 1) * k, c)
            x += 6 * k
        return x

    def png(self, path):
        raw = b"".join(b"\x00" + bytes(self.px[y * self.w * 3:(y + 1) * self.w * 3])
                       for y in range(self.h))

        def chunk(t, d):
            return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
        with open(path, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n")
            f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", self.w, self.h, 8, 2, 0, 0, 0)))
            f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
            f.write(chunk(b"IEND", b""))


COLORS = {"hugemap-pud": (31, 119, 180), "hugemap-pmd": (84, 160, 220), "hugemap-pte": (158, 202, 240),
          "hugemap-pte-nobatch": (198, 222, 250), "hugetlbfs-1g": (44, 160, 44), "hugetlbfs-2m": (140, 210, 120), "thp-2m": (255, 127, 14),
          "devmem-4k": (214, 39, 40), "devdax-1g": (148, 103, 189),
          "hugetlbfs-1g-cont": (44, 160, 44), "hugetlbfs-32m": (140, 210, 120), "thp-32m": (255, 127, 14),
          "devmem-16k": (214, 39, 40),
          "bar-pud": (31, 119, 180), "bar-pmd": (84, 160, 220), "bar-pte": (158, 202, 240)}

PANEL_W, ROW_H, LABEL_W, VAL_W = 760, 18, 250, 150


def panel(cv, x, y, title, items):
    """items: (label, value, color); log10 bars; returns height used."""
    cv.text(x, y, title, (0, 0, 0))
    y += 22
    vals = [v for _, v, _ in items if v is not None and v > 0]
    vmax = max(vals) if vals else 1
    lmax = math.log10(vmax) + 0.3
    barw = PANEL_W - LABEL_W - VAL_W
    for label, v, c in items:
        cv.text(x, y + 2, label, (60, 60, 60))
        if v is None:
            cv.text(x + LABEL_W, y + 2, "N/A", (150, 0, 0))
        else:
            frac = (math.log10(v) + 0.3) / lmax if v > 0 else 0
            w = max(2, int(barw * max(0.0, frac))) if v > 0 else 0
            cv.rect(x + LABEL_W, y, x + LABEL_W + w, y + ROW_H - 3, c)
            cv.text(x + LABEL_W + w + 6, y + 2, fmtv(v), (0, 0, 0))
        y += ROW_H
    return 22 + ROW_H * len(items) + 16


def fmtv(v):
    if v >= 100 or v == int(v):
        return "%d" % round(v)
    return "%.1f" % v


def plot(rows, path):
    main = sorted([r for r in rows if r.get("mode") in ("map", "anon") and "error" not in r],
                  key=lambda r: (int(r["size"]), corder(r)))
    scale = sorted([r for r in rows if r.get("mode") == "scale" and "error" not in r], key=sorder)

    def items(key, rs, conv=float, lab=None):
        return [((lab(r) if lab else "%s %s" % (r["case"], hsize(r["size"]))),
                 conv(r[key]) if r.get(key) not in (None, "-1") else None,
                 COLORS.get(r["case"], (100, 100, 100))) for r in rs]
    left = [("FAULTS TO POPULATE (EXACT, LOG)", items("fill_faults", main)),
            ("PAGETABLES DELTA KIB (EXACT, LOG)", items("fill_pt_kib", main)),
            ("FILL EVERY BYTE MS (TCG, LOG)", items("fill_ms", main))]
    right = [("TOUCH 1 BYTE/ENTRY MS (TCG, LOG)", items("touch_ms", main)),
             ("POINTER CHASE NS/LOAD (TCG, LOG)", items("chase_ns", main))]
    if scale:
        slab = lambda r: "%s %s" % (r["case"], hsize(r["size"]))  # noqa: E731
        right.append(("BAR SCALE: FAULTS (EXACT, LOG)", items("faults", scale, lab=slab)))
        right.append(("BAR SCALE: PAGETABLES KIB (EXACT, LOG)", items("pt_kib", scale, lab=slab)))

    def height(ps):
        return sum(22 + ROW_H * len(it) + 16 for _, it in ps)
    h = 50 + max(height(left), height(right))
    cv = Canvas(2 * PANEL_W + 60, h)
    cv.text(20, 12, "HUGEMAP BENCH: COUNTS EXACT, TIMES TCG-EMULATED (RELATIVE ONLY)", (0, 0, 0), 2)
    for col, ps in ((0, left), (1, right)):
        y = 50
        for title, it in ps:
            y += panel(cv, 20 + col * (PANEL_W + 20), y, title, it)
    cv.png(path)


def main():
    raw, md, png = sys.argv[1:4]
    rows, infos = parse(raw)
    text = markdown(rows, infos)
    open(md, "w").write(text + "\n")
    plot(rows, png)


if __name__ == "__main__":
    main()
