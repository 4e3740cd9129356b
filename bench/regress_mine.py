"""Mine two kernel trees for changes that look like fixes of kmemlint's bug classes: the raw material
of the regression suite in tests/data/regress/. Candidates are then read by hand in both trees; most
are refactorings, not fixes (see the suite's manifest for the ones kept).

    python bench/regress_mine.py [--mode MODE] OLD_TREE NEW_TREE [SUBDIR ...]   (default: drivers sound net)

Modes (only .c files present in both trees are compared):
  hunks    one `diff -rup` per subdirectory; each hunk's removed and added lines are matched against
           the patterns below (GFP_KERNEL -> GFP_ATOMIC, sleep -> delay, spinlock -> mutex, kfree ->
           kvfree/vfree/..., kmalloc -> kvmalloc, stack array or vmalloc -> kmalloc near DMA)
  regions  per function: calls inside a spinlock / rwlock / RCU / irq-off / preempt-off region of the
           old function that are outside every region of the new one (moved out or gone)
  stack    per function: a local (array, or &scalar/struct) handed to a DMA interface in the old
           function and no longer in the new one
  frees    kfree(X) lines removed where the old file assigns X from a devm / vmalloc / kvmalloc /
           DMA-coherent / page allocator
Prints `file:line-in-old function [what]`. The function matching is textual (a regex per function
definition), so it misses some functions and never sees through macros; it finds candidates only.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess

GFP_SLEEP = re.compile(r"\bGFP_(KERNEL|NOFS|NOIO|USER|HIGHUSER)\b")
GFP_ATOMIC = re.compile(r"\bGFP_(ATOMIC|NOWAIT)\b")
SLEEPERS = re.compile(r"\b(msleep|msleep_interruptible|ssleep|usleep_range|mutex_lock\w*|wait_for_completion\w*|"
                      r"wait_event\w*|schedule_timeout\w*|synchronize_(irq|rcu|net)|cancel_(delayed_)?work_sync|"
                      r"flush_(work|workqueue|delayed_work)|free_irq|kthread_stop|napi_disable|request_irq|"
                      r"rtnl_lock|down|down_read|down_write|copy_(to|from)_user|vfree|vmalloc|kvfree)\s*\(")
DELAYS = re.compile(r"\b(udelay|mdelay|ndelay)\s*\(")
ATOMIC_VARIANT = re.compile(r"\b\w+_atomic\s*\(|\b\w+_nowait\s*\(|\b\w+_irqsafe\s*\(")
SPIN = re.compile(r"\b(spin_lock\w*|read_lock\w*|write_lock\w*|rcu_read_lock|local_irq_save|local_irq_disable)\s*\(")
MUTEX = re.compile(r"\bmutex_lock\w*\s*\(")
KFREE = re.compile(r"\bkfree\s*\(\s*([^;]+?)\s*\)\s*;")
DEVM = re.compile(r"\bdevm_k\w*alloc\w*\s*\(|\bdevm_kmemdup\s*\(")
KMALLOC = re.compile(r"\b(kmalloc|kzalloc|kcalloc|kmalloc_array|kmemdup)\s*\(")
KVMALLOC = re.compile(r"\b(kvmalloc|kvzalloc|kvcalloc|kvmalloc_array|vmalloc|vzalloc|kvmemdup)\s*\(")
VMALLOC = re.compile(r"\b(vmalloc|vzalloc|vmalloc_user|vmalloc_32)\s*\(")
STACK_ARRAY = re.compile(r"^\s*(?:unsigned\s+)?(?:u8|u16|u32|__le16|__le32|char|__u8|uint8_t|unsigned char)\s+\w+\s*\[[^\]]+\]")
DMA_USERS = re.compile(r"\b(usb_control_msg|usb_bulk_msg|usb_interrupt_msg|spi_sync|spi_write|spi_read|spi_write_then_read|"
                       r"spi_async|i2c_transfer|dma_map_single|sg_init_one|sg_set_buf|usb_fill_\w+_urb|"
                       r"spi_message_add_tail|usb_\w+_msg)\s*\(")

# --- per-function modes -------------------------------------------------------------------------
FUNC = re.compile(r"(?ms)^(?:static\s+)?(?:inline\s+)?[\w\s\*]+?\b(\w+)\s*\([^;{]*?\)\s*\{\n(.*?)^\}")
LOCK = re.compile(r"\b(spin_lock(?:_irqsave|_irq|_bh)?|raw_spin_lock(?:_irqsave|_irq)?|read_lock(?:_bh|_irq|_irqsave)?|"
                  r"write_lock(?:_bh|_irq|_irqsave)?)\s*\(\s*([^,)]+)"
                  r"|\b(rcu_read_lock|local_irq_save|local_irq_disable|preempt_disable|local_bh_disable)\s*\(")
UNLOCK_OF = {"rcu_read_lock": "rcu_read_unlock", "local_irq_save": "local_irq_restore",
             "local_irq_disable": "local_irq_enable", "preempt_disable": "preempt_enable",
             "local_bh_disable": "local_bh_enable"}
CALL = re.compile(r"\b([a-z_][a-z0-9_]*)\s*\(")
NOT_CALLS = {"if", "while", "for", "switch", "return", "sizeof", "likely", "unlikely", "typeof"}
LIKELY_SLEEPY = re.compile(r"sleep|wait|mutex|_sync|flush|cancel|free_irq|request_|regulator|clk_prepare|clk_set|"
                           r"pm_runtime|i2c_|spi_|usb_|phy_|regmap|firmware|kthread|schedule|copy_|device_|"
                           r"unregister|destroy|synchronize|napi_disable|gpiod_|put_device|kobject|sysfs|"
                           r"workqueue|vfree|vmalloc|rtnl|alloc|_put$|pinctrl")
LOCAL = re.compile(r"(?m)^\s+(?:const\s+)?(?:unsigned\s+)?(?:u8|u16|u32|u64|__le16|__le32|__be16|__be32|char|__u8|"
                   r"uint8_t|unsigned char|int|struct \w+)\s+(\w+)(\s*\[[^\]]*\])?\s*(?:=[^;]*)?;")
SINK = re.compile(r"\b(usb_control_msg|usb_bulk_msg|usb_interrupt_msg|spi_write|spi_read|dma_map_single|"
                  r"usb_fill_\w+_urb)\s*\(|\.(tx_buf|rx_buf)\s*=")
OWNED = re.compile(r"([\w\.\->\[\]]+)\s*=\s*(?:\([^)]*\)\s*)?(devm_k\w+|devm_kasprintf|devm_kstrdup\w*|devm_kmemdup|"
                   r"dmam_alloc_coherent|devm_bitmap_zalloc|vmalloc|vzalloc|kvmalloc\w*|kvzalloc|kvcalloc|"
                   r"dma_alloc_coherent|__get_free_pages|get_zeroed_page|__get_free_page|vmemdup_user)\s*\(")


def classify(minus: list[str], plus: list[str], ctx: list[str]) -> list[str]:
    m, p, allt = "\n".join(minus), "\n".join(plus), "\n".join(minus + plus + ctx)
    out = []
    if GFP_SLEEP.search(m) and GFP_ATOMIC.search(p) and not GFP_ATOMIC.search(m):
        out.append("sleep-in-atomic: GFP_KERNEL -> GFP_ATOMIC")
    if SLEEPERS.search(m) and (DELAYS.search(p) or ATOMIC_VARIANT.search(p)) and not DELAYS.search(m):
        out.append("sleep-in-atomic: sleeper -> delay/atomic variant")
    if SPIN.search(m) and MUTEX.search(p) and not SPIN.search(p):
        out.append("sleep-in-atomic: spinlock -> mutex")
    if SPIN.search(allt):
        old = {s.group(0) for s in SLEEPERS.finditer(m)}
        if old and (SPIN.search(m) or SPIN.search(p) or re.search(r"\bunlock", m + p)):
            out.append(f"sleep-in-atomic: sleeper moved/removed near a lock {sorted(old)}")
    freed = set(KFREE.findall(m)) - set(KFREE.findall(p))
    for a in freed:
        if re.search(rf"\b(kvfree|vfree|kmem_cache_free|free_pages|dma_free_coherent|kfree_sensitive|bitmap_free)"
                     rf"\s*\([^;]*{re.escape(a)}", p):
            out.append(f"alloc-free-mismatch: kfree({a}) -> other free")
    if freed and DEVM.search(allt):
        out.append(f"alloc-free-mismatch: kfree of {sorted(freed)} removed near devm_")
    if KMALLOC.search(m) and KVMALLOC.search(p) and not KVMALLOC.search(m):
        out.append("kmalloc-too-large / free: kmalloc -> kvmalloc")
    if VMALLOC.search(m) and KMALLOC.search(p) and DMA_USERS.search(allt):
        out.append("dma-on-vmalloc: vmalloc -> kmalloc near DMA")
    if any(STACK_ARRAY.match(line) for line in minus) and KMALLOC.search(p) and DMA_USERS.search(allt):
        out.append("dma-on-stack: stack array -> kmalloc near DMA")
    return out


def hunks(stream):
    """(old_file, old_line, function, minus, plus, ctx) for each hunk of a `diff -rup` output."""
    old = None
    cur = None
    for raw in stream:
        line = raw.rstrip("\n")
        if line.startswith("--- "):
            if cur:
                yield cur
                cur = None
            old = line[4:].split("\t")[0]
        elif line.startswith("@@"):
            if cur:
                yield cur
            mm = re.match(r"@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@ ?(.*)", line)
            cur = (old, int(mm.group(1)), mm.group(2), [], [], []) if mm else None
        elif cur is None:
            continue
        elif line.startswith("-"):
            cur[3].append(line[1:])
        elif line.startswith("+"):
            cur[4].append(line[1:])
        elif line.startswith(" "):
            cur[5].append(line[1:])
    if cur:
        yield cur


def diff_hunks(old_tree: str, new_tree: str, sub: str):
    proc = subprocess.Popen(["nice", "-n", "10", "diff", "-rup", "-x", "*.h", "-x", "*.S", "-x", "*.dts*",
                             "-x", "*.yaml", "-x", "*.rst", "-x", "Makefile", "-x", "Kconfig",
                             f"{old_tree}/{sub}", f"{new_tree}/{sub}"],
                            stdout=subprocess.PIPE, text=True, errors="replace")
    for h in hunks(proc.stdout):
        if h[0].endswith(".c"):
            yield h
    proc.wait()


def changed_files(old_tree: str, new_tree: str, sub: str):
    """(relative path, old text, new text) of each .c file present in both trees that differs."""
    for root, _, files in os.walk(os.path.join(old_tree, sub)):
        for f in files:
            if not f.endswith(".c"):
                continue
            p1 = os.path.join(root, f)
            rel = os.path.relpath(p1, old_tree)
            p2 = os.path.join(new_tree, rel)
            if not os.path.exists(p2):
                continue
            a, b = (open(p, errors="replace").read() for p in (p1, p2))
            if a != b:
                yield rel, a, b


def changed_functions(old_tree: str, new_tree: str, sub: str):
    """(relative path, line in old, name, old body, new body) of each function whose body changed."""
    for rel, a, b in changed_files(old_tree, new_tree, sub):
        new = {m.group(1): m.group(2) for m in FUNC.finditer(b)}
        for m in FUNC.finditer(a):
            name, body = m.group(1), m.group(2)
            if name in new and new[name] != body:
                yield rel, a.count("\n", 0, m.start()) + 1, name, body, new[name]


def regions(body: str) -> list[str]:
    """The text between each lock (spin/rw/RCU/irq-off/preempt/bh) and its unlock, textually."""
    out = []
    for m in LOCK.finditer(body):
        if m.group(1):
            unlock = m.group(1).replace("lock", "unlock", 1).replace("_irqsave", "_irqrestore")
            end = re.compile(rf"\b{re.escape(unlock)}\s*\(\s*{re.escape(m.group(2).strip())}").search(body, m.end())
        else:
            end = re.compile(rf"\b{UNLOCK_OF[m.group(3)]}\s*\(").search(body, m.end())
        if end:
            out.append(body[m.end():end.start()])
    return out


def calls(text: str) -> set[str]:
    return {c for c in CALL.findall(text) if c not in NOT_CALLS}


def mine_regions(old_tree: str, new_tree: str, sub: str, everything: bool):
    for rel, line, name, old, new in changed_functions(old_tree, new_tree, sub):
        inside_old = {c for r in regions(old) for c in calls(r)}
        if not inside_old:
            continue
        inside_new = {c for r in regions(new) for c in calls(r)}
        left = {c for c in inside_old - inside_new
                if not c.startswith(("spin_", "raw_spin", "read_", "write_", "rcu_", "__", "local_", "preempt_"))
                and (everything or LIKELY_SLEEPY.search(c))}
        if left:
            moved = sorted(c for c in left if c in calls(new))
            gone = sorted(left - set(moved))
            print(f"{rel}:{line} {name} [left the locked region: moved {moved} gone {gone}]", flush=True)


def stack_to_dma(body: str) -> set[tuple[str, str]]:
    arrays = {m.group(1): bool(m.group(2)) for m in LOCAL.finditer(body)}
    out = set()
    for m in SINK.finditer(body):
        end = body.find(";", m.end())
        stmt = body[m.start():end if end > 0 else m.end() + 200]
        if m.group(2):
            stmt = stmt.split(",")[0]
        for var, is_array in arrays.items():
            if (is_array and re.search(rf"[\(,=]\s*{var}\s*[,\)}}\n]", stmt)) or \
                    re.search(rf"&\s*{var}\b(?!\s*(->|\.|\[))", stmt):
                out.add((var, m.group(1) or m.group(2)))
    return out


def mine_stack(old_tree: str, new_tree: str, sub: str):
    for rel, line, name, old, new in changed_functions(old_tree, new_tree, sub):
        gone = stack_to_dma(old) - stack_to_dma(new)
        if gone:
            print(f"{rel}:{line} {name} [stack local to DMA no longer: {sorted(gone)}]", flush=True)


def mine_frees(old_tree: str, new_tree: str, sub: str):
    owned_in: dict[str, dict[str, str]] = {}
    for old, line, func, minus, plus, _ in diff_hunks(old_tree, new_tree, sub):
        freed = set(KFREE.findall("\n".join(minus))) - set(KFREE.findall("\n".join(plus)))
        if not freed:
            continue
        if old not in owned_in:
            owned_in[old] = {m.group(1): m.group(2) for m in OWNED.finditer(open(old, errors="replace").read())}
        for var in sorted(freed & owned_in[old].keys()):
            print(f"{os.path.relpath(old, old_tree)}:{line} {func.strip()[:60]} "
                  f"[kfree({var}) removed; the file assigns it from {owned_in[old][var]}()]", flush=True)


def mine_hunks(old_tree: str, new_tree: str, sub: str):
    for old, line, func, minus, plus, ctx in diff_hunks(old_tree, new_tree, sub):
        for what in classify(minus, plus, ctx):
            print(f"{os.path.relpath(old, old_tree)}:{line} {func.strip()[:70]} [{what}]", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("hunks", "regions", "stack", "frees"), default="hunks")
    ap.add_argument("--all", action="store_true", help="regions: every call that left a region, not only "
                                                       "names that suggest sleeping")
    ap.add_argument("old_tree")
    ap.add_argument("new_tree")
    ap.add_argument("subdirs", nargs="*", default=["drivers", "sound", "net"])
    args = ap.parse_args()
    for sub in args.subdirs:
        if args.mode == "regions":
            mine_regions(args.old_tree, args.new_tree, sub, args.all)
        elif args.mode == "stack":
            mine_stack(args.old_tree, args.new_tree, sub)
        elif args.mode == "frees":
            mine_frees(args.old_tree, args.new_tree, sub)
        else:
            mine_hunks(args.old_tree, args.new_tree, sub)


if __name__ == "__main__":
    main()
