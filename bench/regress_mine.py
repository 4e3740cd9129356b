"""Mine two kernel trees for hunks that look like fixes of kmemlint's bug classes: the raw material
of the regression suite in tests/data/regress/ (candidates are then read by hand; most are not fixes).

    python bench/regress_mine.py OLD_TREE NEW_TREE [SUBDIR ...]   (default: drivers sound net)

One `diff -rup` per subdirectory (only .c files present in both trees), each hunk's removed and added
lines matched against the patterns below; prints `file:line-in-old function [class] summary`.
"""
from __future__ import annotations

import re
import subprocess
import sys

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
OTHER_FREE = re.compile(r"\b(kvfree|vfree|free_pages|__free_pages|free_page|kmem_cache_free|dma_free_coherent|"
                        r"devm_kfree|kfree_sensitive|bitmap_free|put_device|vunmap)\s*\(")
DEVM = re.compile(r"\bdevm_k\w*alloc\w*\s*\(|\bdevm_kmemdup\s*\(")
KMALLOC = re.compile(r"\b(kmalloc|kzalloc|kcalloc|kmalloc_array|kmemdup)\s*\(")
KVMALLOC = re.compile(r"\b(kvmalloc|kvzalloc|kvcalloc|kvmalloc_array|vmalloc|vzalloc|kvmemdup)\s*\(")
VMALLOC = re.compile(r"\b(vmalloc|vzalloc|vmalloc_user|vmalloc_32)\s*\(")
STACK_ARRAY = re.compile(r"^\s*(?:unsigned\s+)?(?:u8|u16|u32|__le16|__le32|char|__u8|uint8_t|unsigned char)\s+\w+\s*\[[^\]]+\]")
DMA_USERS = re.compile(r"\b(usb_control_msg|usb_bulk_msg|usb_interrupt_msg|spi_sync|spi_write|spi_read|spi_write_then_read|"
                       r"spi_async|i2c_transfer|dma_map_single|sg_init_one|sg_set_buf|usb_fill_\w+_urb|"
                       r"spi_message_add_tail|usb_\w+_msg)\s*\(")


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
        gone = {s.group(0) for s in SLEEPERS.finditer(m)} - {s.group(0) for s in SLEEPERS.finditer(p)}
        moved = {s.group(0) for s in SLEEPERS.finditer(m)} & {s.group(0) for s in SLEEPERS.finditer(p)}
        if (moved or gone) and (SPIN.search(m) or SPIN.search(p) or re.search(r"\bunlock", m + p)):
            out.append(f"sleep-in-atomic: sleeper moved/removed near a lock {sorted(moved | gone)}")
    freed = {a for a in KFREE.findall(m)} - set(KFREE.findall(p))
    for a in freed:
        if re.search(rf"\b(kvfree|vfree|kmem_cache_free|free_pages|dma_free_coherent|kfree_sensitive|bitmap_free)\s*\([^;]*{re.escape(a)}", p):
            out.append(f"alloc-free-mismatch: kfree({a}) -> other free")
    if freed and DEVM.search(allt):
        out.append(f"alloc-free-mismatch: kfree of {sorted(freed)} removed near devm_")
    if KMALLOC.search(m) and KVMALLOC.search(p) and not KVMALLOC.search(m):
        out.append("kmalloc-too-large / free: kmalloc -> kvmalloc")
    if VMALLOC.search(m) and KMALLOC.search(p) and DMA_USERS.search(allt):
        out.append("dma-on-vmalloc: vmalloc -> kmalloc near DMA")
    if any(STACK_ARRAY.match(l) for l in minus) and KMALLOC.search(p) and DMA_USERS.search(allt):
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


def main() -> None:
    old_tree, new_tree, *subdirs = sys.argv[1:]
    for sub in subdirs or ["drivers", "sound", "net"]:
        proc = subprocess.Popen(["nice", "-n", "10", "diff", "-rup", "-x", "*.h", "-x", "*.S", "-x", "*.dts*",
                                 "-x", "*.yaml", "-x", "*.rst", "-x", "Makefile", "-x", "Kconfig",
                                 f"{old_tree}/{sub}", f"{new_tree}/{sub}"],
                                stdout=subprocess.PIPE, text=True, errors="replace")
        for old, line, func, minus, plus, ctx in hunks(proc.stdout):
            if not old.endswith(".c"):
                continue
            for what in classify(minus, plus, ctx):
                print(f"{old[len(old_tree) + 1:]}:{line} {func.strip()[:70]} [{what}]", flush=True)
        proc.wait()


if __name__ == "__main__":
    main()
