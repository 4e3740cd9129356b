"""kmemlint.costmodel against the kernel's own rules (Linux 6.12, SLUB, x86_64, 4 KiB pages)."""
from __future__ import annotations

import json

import pytest

from kmemlint import costmodel as cm

# mm/slab_common.c kmalloc_size_index[] for KMALLOC_MIN_SIZE == 8, transcribed independently of
# costmodel.kmalloc_index: the cache index for sizes 1..192 in steps of 8 (mm/slab.h
# size_index_elem(bytes) = (bytes - 1) / 8).
KMALLOC_SIZE_INDEX = [3, 4, 5, 5, 6, 6, 6, 6, 1, 1, 1, 1, 7, 7, 7, 7, 2, 2, 2, 2, 2, 2, 2, 2]
# mm/slab_common.c kmalloc_info[]: object size of each cache index
KMALLOC_INFO = {1: 96, 2: 192, **{i: 1 << i for i in range(3, 22)}}


def kernel_slab_index(size: int) -> int:
    """mm/slab.h kmalloc_slab(): the runtime path."""
    if size <= 192:
        return KMALLOC_SIZE_INDEX[(size - 1) // 8]
    return (size - 1).bit_length()  # fls(size - 1)


def kernel_bytes(size: int) -> int | None:
    """What kmalloc(size) occupies: mm/slub.c __do_kmalloc_node -> slab cache, or
    ___kmalloc_large_node -> PAGE_SIZE << get_order(size) (getorder.h, fls64((size-1) >> 12))."""
    if size > cm.KMALLOC_MAX_SIZE:
        return None
    if size > cm.KMALLOC_MAX_CACHE_SIZE:
        return 4096 << ((size - 1) >> 12).bit_length()
    return KMALLOC_INFO[kernel_slab_index(size)]


def test_constants():
    assert (cm.PAGE_SHIFT, cm.PAGE_SIZE, cm.MAX_PAGE_ORDER) == (12, 4096, 10)
    assert cm.KMALLOC_SHIFT_HIGH == 13 and cm.KMALLOC_MAX_CACHE_SIZE == 8192
    assert cm.KMALLOC_SHIFT_MAX == 22 and cm.KMALLOC_MAX_SIZE == 4 << 20
    assert cm.KMALLOC_MIN_SIZE == 8 and cm.PAGE_ALLOC_COSTLY_ORDER == 3
    big = cm.Arch(page_shift=16, max_page_order=13)
    assert big.kmalloc_max_cache_size == 128 << 10 and big.kmalloc_max_size == 512 << 20


def test_every_cache_size_matches_the_kernels_runtime_table():
    for size in range(1, cm.KMALLOC_MAX_CACHE_SIZE + 1):
        assert cm.kmalloc_index(size) == kernel_slab_index(size), size


def test_every_size_up_to_kmalloc_max_size():
    """All 4 Mi sizes: the bytes kmalloc really takes, against the independent transcription."""
    size_class = cm.kmalloc_size_class
    for size in range(1, cm.KMALLOC_MAX_SIZE + 1):
        if size_class(size) != kernel_bytes(size):
            pytest.fail(f"size {size}: {size_class(size)} != {kernel_bytes(size)}")


def test_beyond_kmalloc_max_size_is_impossible():
    assert cm.kmalloc_size_class(cm.KMALLOC_MAX_SIZE + 1) is None
    assert cm.kmalloc_index(cm.KMALLOC_MAX_SIZE + 1) is None  # __kmalloc_index would BUG()
    cost = cm.estimate("kmalloc", cm.KMALLOC_MAX_SIZE + 1, None, "GFP_KERNEL")
    assert cost.impossible and cost.failure_risk == "always" and cost.impact() == 100
    ok = cm.estimate("kmalloc", cm.KMALLOC_MAX_SIZE, None, "GFP_KERNEL")
    assert not ok.impossible and ok.order == 10 and ok.costly


@pytest.mark.parametrize("size, order", [(0, 52), (1, 0), (4096, 0), (4097, 1), (8192, 1),
                                         (8193, 2), (1 << 22, 10), ((1 << 22) + 1, 11)])
def test_get_order(size, order):
    assert cm.get_order(size) == order


@pytest.mark.parametrize("expr, sleeps, reserves", [
    ("GFP_KERNEL", True, False), ("GFP_NOIO", True, False), ("GFP_NOFS", True, False),
    ("GFP_USER", True, False), ("GFP_KERNEL_ACCOUNT", True, False),
    ("GFP_HIGHUSER_MOVABLE", True, False), ("GFP_KERNEL | __GFP_ZERO", True, False),
    ("__GFP_RECLAIM", True, False), ("__GFP_DIRECT_RECLAIM", True, False),
    ("GFP_ATOMIC", False, True), ("GFP_NOWAIT", False, False), ("GFP_DMA", False, False),
    ("GFP_ATOMIC | __GFP_NOWARN", False, True), ("(GFP_KERNEL & ~__GFP_DIRECT_RECLAIM)", False,
                                                  False),
    ("(__force gfp_t)0x400u", True, False), ("gfp", None, None), ("flags | GFP_KERNEL", None,
                                                                   None),
    ("GFP_KERNEL |", None, None), ("", None, None),
])
def test_gfp(expr, sleeps, reserves):
    assert cm.gfp_may_sleep(expr) is sleeps
    assert cm.gfp_atomic_reserves(expr) is reserves


def test_kmalloc_cost_and_summary():
    cost = cm.estimate("kmalloc", 40000, 40000, "GFP_KERNEL")
    assert (cost.size_class, cost.order, cost.costly, cost.waste) == (65536, 4, True, 25536)
    assert cost.failure_risk == "low" and cost.may_sleep and not cost.atomic_reserves
    assert cost.summary() == "order-4 (64 KiB), 24.9 KiB wasted"
    atomic = cm.estimate("kmalloc", 40000, 40000, "GFP_ATOMIC")
    assert atomic.failure_risk == "high" and atomic.atomic_reserves
    assert atomic.impact() > cost.impact()
    small = cm.estimate("kmalloc", 100, None, "GFP_KERNEL")
    assert (small.size_class, small.waste, small.order, small.failure_risk) == (128, 28, 0, "none")
    assert small.summary() == "kmalloc-128, 28 bytes wasted"
    assert cm.estimate("kmalloc", 65, None, None).size_class == 96


def test_devm_adds_the_devres_header():
    cost = cm.estimate("devm-kmalloc", 100, None, "GFP_KERNEL")
    assert cost.size_class == 192 and cost.waste == 92  # 40 + 100 -> kmalloc-192
    assert cm.family_of("devm_kzalloc") == "devm-kmalloc"


def test_vmalloc_and_kvmalloc():
    vm = cm.estimate("vmalloc", 20000, None, "GFP_KERNEL")
    assert (vm.pages, vm.guard_bytes, vm.page_table_bytes, vm.order) == (5, 4096, 4096, 0)
    assert vm.bytes_allocated == 5 * 4096 + 64  # pages + the 40-byte page array in kmalloc-64
    assert vm.summary().startswith("5 pages (20 KiB) + guard page")
    assert cm.estimate("vmalloc", 4096, None, "GFP_KERNEL").summary().startswith("1 page (4 KiB) + guard")
    kv = cm.estimate("kvmalloc", 100000, None, "GFP_KERNEL")
    assert kv.family == "kvmalloc" and kv.pages == 25 and "NORETRY" in kv.note
    kv_atomic = cm.estimate("kvmalloc", 100000, None, "GFP_ATOMIC")
    assert kv_atomic.order == 5 and kv_atomic.failure_risk == "high"
    assert "no vmalloc fallback" in kv_atomic.note
    assert cm.estimate("kvmalloc", 100, None, "GFP_KERNEL").size_class == 128
    assert cm.estimate("kvmalloc", cm.INT_MAX + 1, None, "GFP_KERNEL").impossible


def test_pages_dma_and_kmem_cache():
    pages = cm.estimate("pages", None, None, "GFP_KERNEL", order=4)
    assert (pages.size_class, pages.order, pages.costly) == (65536, 4, True)
    assert cm.estimate("pages", None, None, "GFP_KERNEL", order=11).impossible
    dma = cm.estimate("dma-coherent", 5000, None, "GFP_KERNEL")
    assert (dma.size_class, dma.order, dma.waste) == (8192, 1, 3192)
    cache = cm.estimate("kmem_cache", None, None, "GFP_KERNEL")
    assert cache.size_class is None and cache.may_sleep and "kmem_cache_create" in cache.summary()


def test_ranges_use_the_largest_request():
    cost = cm.estimate("kmalloc", 16, 5000, "GFP_KERNEL")
    assert cost.size_class == 8192 and "for up to" in cost.summary()
    maybe = cm.estimate("kmalloc", 16, 8 << 20, "GFP_KERNEL")
    assert not maybe.impossible and maybe.failure_risk == "high"


def test_properties_are_plain_json():
    for family in ("kmalloc", "devm-kmalloc", "vmalloc", "kvmalloc", "dma-coherent",
                   "kmem_cache", "pages"):
        cost = cm.estimate(family, 3000, None, "GFP_KERNEL")
        props = cost.as_properties()
        assert all(isinstance(k, str) for k, _ in props)
        json.dumps(dict(props))
        assert 0 <= cost.impact() <= 100
        assert dict(props)["summary"]
