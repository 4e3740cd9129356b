"""The kernel model: `kmemlint model build/show`, its database, and what it tells a run.

Built from the miniature tree tests/data/model-tree (functions trimmed from Linux 6.12); the
driver-side mechanisms are the kernel_model fixtures under fixtures/."""
from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import kmemlint
from kmemlint import modelbuild, pipeline
from kmemlint.program import atomic, kernelmodel
from kmemlint.cli import main
from kmemlint.model import Loc, Step
from kmemlint.program.atomic import Sleep

TREE = Path(__file__).resolve().parent / "data" / "model-tree"


def cli(args, cwd: Path | None = None):
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("model") / "m.sqlite"
    r = cli(["model", "build", str(TREE), "-o", str(out), "--no-cache", "-q", "--jobs", "1"])
    assert r.exit_code == 0, r.output
    return out


def test_build_derives_from_the_source(model: Path) -> None:
    m = kernelmodel.KernelModel(model)
    (e,) = m.candidates("pm_runtime_get_sync")  # inline in a header, over a core function
    assert e.exported and e.sleeps is not None and "__pm_runtime_resume()" in e.sleeps.what
    assert not m.candidates("pm_runtime_get")  # RPM_ASYNC: never sleeps, nothing to say
    (r,) = m.candidates("__pm_runtime_resume")
    assert r.params[1][0] == "nbit:RPM_ASYNC"  # might_sleep_if(!(rpmflags & RPM_ASYNC) && ...)
    (k,) = m.candidates("kmemdup")
    assert k.params[2][0] == "gfp" and k.sleeps is None
    (kv,) = m.candidates("kvmemdup")
    assert {o.family for o in kv.returns} == {"kvmalloc"}
    (d,) = m.candidates("device_release_driver")  # needs the header analysed after it: second pass
    assert "device_lock() -> mutex_lock()" in d.sleeps.what
    (u,) = m.candidates("usb_get_descriptor")
    assert set(u.dma) == {3}
    op = m.op("struct uart_ops.start_tx")
    assert op is not None and "uart_start()" in op.how and op.path == "drivers/tty/serial/serial_core.c"
    assert m.op("struct uart_ops.startup") is None  # called in process context
    assert m.meta["schema"] == str(kernelmodel.SCHEMA_VERSION)


def test_a_library_directorys_helper_files_are_in_the_model(model: Path) -> None:
    m = kernelmodel.KernelModel(model)
    (u,) = m.candidates("uart_add_one_port")  # serial_port.c -> serial_ctrl.c -> serial_core.c
    assert "serial_ctrl_register_port() -> serial_core_register_port() -> mutex_lock()" in u.sleeps.what
    assert not m.candidates("foo_uart_probe")  # a leaf driver of the same directory
    assert not m.candidates("vmalloc_to_page")  # mm/nommu.c: another configuration's file
    old = os.getcwd()
    os.chdir(TREE)
    try:
        files = modelbuild._model_files(sorted(str(p.relative_to(TREE)) for p in (TREE / "drivers/tty/serial").iterdir()))
    finally:
        os.chdir(old)
    assert "drivers/tty/serial/foo_uart.c" not in files and "drivers/tty/serial/serial_ctrl.c" in files


def test_a_header_macro_over_a_function_a_part_before_derived(model: Path) -> None:
    """include/linux/ioport.h's request_region() is kernel/resource.c's __request_region(), which
    the knowledge does not name but the model derives to sleep (kzalloc(GFP_KERNEL)): the build
    expands it in drivers/pci/pci.c, analysed after kernel/, so pci_request_region() sleeps."""
    m = kernelmodel.KernelModel(model)
    (r,) = m.candidates("pci_request_region")
    assert "__pci_request_region() -> __request_region() -> alloc_resource() -> kzalloc()" in r.sleeps.what
    assert "__request_region()" in cli(["model", "show", "--kernel-model", str(model), "request_region"]).output


def test_a_members_documented_contract(model: Path) -> None:
    """include/linux/clk-provider.h's kernel-doc: @enable "must not sleep" is an atomic member of
    the model, quoted; @prepare "may sleep" is not; a veto from code does not outrank the doc."""
    m = kernelmodel.KernelModel(model)
    op = m.op("struct clk_ops.enable")
    assert op is not None and op.documented and op.context and '"This function must not sleep."' in op.how
    assert op.path == "include/linux/clk-provider.h"
    assert m.op("struct clk_ops.prepare") is None
    veto = atomic.OpsContext("struct clk_ops.enable", "", "is called in process context by foo()", "x.c", 1)
    assert op.outranks(veto) and not veto.outranks(op)
    store = kernelmodel.OpsTable()
    store.put(0, [op])
    store.put(1, [veto])
    assert store.merged()["struct clk_ops.enable"] is op


def test_a_member_whose_every_implementation_sleeps(model: Path) -> None:
    """include/linux/i2c.h's inline i2c_lock_bus() calls adapter->lock_ops->lock_bus, whose every
    implementation (the i2c core's and the muxes', in drivers/, analysed after include/) takes an
    rt_mutex: the second pass makes it sleep, a third makes drivers/i2c's i2c_transfer() sleep (through __i2c_lock_bus_helper()).
    One implementation (algo->master_xfer's bit_xfer()) or implementations that do not sleep
    (trylock_bus) say nothing for the callers."""
    m = kernelmodel.KernelModel(model)
    (lock,) = m.candidates("i2c_lock_bus")
    assert "each of the 3 functions stored in struct i2c_lock_operations.lock_bus may sleep" in lock.sleeps.what
    (xfer,) = m.candidates("i2c_transfer")
    assert xfer.sleeps is not None and xfer.sleeps.what.startswith("__i2c_lock_bus_helper() -> i2c_lock_bus() -> each of the 3 functions")
    assert not m.candidates("i2c_trylock_bus") and not m.candidates("i2c_unlock_bus")
    m.close()


def test_build_is_byte_reproducible(model: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.sqlite"
    assert cli(["model", "build", str(TREE), "-o", str(again), "--no-cache", "-q", "--jobs", "1"]).exit_code == 0
    assert hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(model.read_bytes()).digest()


def test_show(model: Path) -> None:
    r = cli(["model", "show", "--kernel-model", str(model), "device_release_driver", "struct uart_ops.start_tx"])
    assert r.exit_code == 0
    assert r.output.splitlines()[0].endswith("built from Linux 6.12.118, model-tree, kmemlint " + kmemlint.__version__)
    assert "device_release_driver() at drivers/base/dd.c:3" in r.output
    assert "may sleep: device_lock() -> mutex_lock() [include/linux/device.h:6]" in r.output
    assert "struct uart_ops.start_tx: runs in atomic context" in r.output
    assert "at drivers/tty/serial/serial_core.c:8" in r.output
    r = cli(["model", "show", "--kernel-model", str(model), "no_such_function"])
    assert r.exit_code == 1 and "not in the model" in r.output


def test_show_names_the_knowledge_that_overrides_the_model(model: Path) -> None:
    # hand-written knowledge wins over the model: show says so, with its cited source, also for an
    # ops member the model has no row for and a function the model does not have
    r = cli(["model", "show", "--kernel-model", str(model), "struct net_device_ops.ndo_start_xmit", "kvfree"])
    assert r.exit_code == 0
    assert "struct net_device_ops.ndo_start_xmit: in kmemlint's knowledge" in r.output
    assert "knowledge [atomic_callbacks]: context = 'ndo_start_xmit (BHs disabled)'" in r.output
    assert "source: Documentation/networking/netdevices.rst" in r.output
    assert "knowledge [releases]: family = 'kvmalloc'" in r.output
    assert "knowledge [sleepers]: what = 'kvfree()', in_interrupt = True" in r.output
    assert "not in the model" not in r.output


def test_run_uses_the_model_and_files_override_it(model: Path, tmp_path: Path) -> None:
    drv = tmp_path / "drv.c"
    drv.write_text("static void f(struct x *p)\n{\n\tspin_lock(&p->lock);\n\tdevice_release_driver(p->dev);\n"
                   "\tspin_unlock(&p->lock);\n}\n")
    opts = pipeline.Options(paths=[str(drv)], jobs=1, kernel_model=str(model))
    found = pipeline.run(opts, warn=lambda m: None).findings
    assert [f.rule for f in found] == ["sleep-in-atomic"]
    assert "[include/linux/device.h:6]" in found[0].message
    assert not pipeline.run(pipeline.Options(paths=[str(drv)], jobs=1, kernel_model="none"), warn=print).findings
    # the analysed files win over the model: a local device_release_driver() that does not sleep
    (tmp_path / "local.c").write_text("void device_release_driver(struct device *dev)\n{\n}\n")
    opts = pipeline.Options(paths=[str(drv), str(tmp_path / "local.c")], jobs=1, kernel_model=str(model))
    assert not pipeline.run(opts, warn=lambda m: None).findings


@pytest.mark.parametrize("setup, message", [
    ("not-a-tree", "not a kernel tree (no Makefile)"),
    ("no-out-dir", "does not exist"),
])
def test_build_errors_are_one_line(tmp_path: Path, setup: str, message: str) -> None:
    tree, out = TREE, tmp_path / "m.sqlite"
    if setup == "not-a-tree":
        tree = tmp_path / "src"
        tree.mkdir()
        (tree / "a.c").write_text("int a;\n")
    else:
        out = tmp_path / "missing" / "m.sqlite"
    r = cli(["model", "build", str(tree), "-o", str(out), "--no-cache", "-q"])
    assert r.exit_code == 2
    assert message in r.output and len(r.output.strip().splitlines()) == 1
    assert not out.exists()


def test_failed_build_leaves_no_partial_model(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "m.sqlite"
    out.write_text("the previous model")

    def boom(*a, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(kernelmodel, "export", boom)
    r = cli(["model", "build", str(TREE), "-o", str(out), "--no-cache", "-q", "--jobs", "1"])
    assert r.exit_code == 130 and "interrupted: no model written" in r.output  # 128 + SIGINT, as any run
    assert out.read_text() == "the previous model"  # untouched
    assert [p.name for p in tmp_path.iterdir()] == ["m.sqlite"]  # no temporary file left behind


def test_model_of_another_schema_is_refused(model: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copy(model, old)
    db = sqlite3.connect(old)
    db.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    db.commit()
    db.close()
    (tmp_path / "a.c").write_text("int a;\n")
    r = cli(["--no-cache", "--kernel-model", str(old), str(tmp_path / "a.c")])
    assert r.exit_code == 2 and "schema 0" in r.output and "kmemlint model build" in r.output
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    r = cli(["--no-cache", "--kernel-model", str(garbage), str(tmp_path / "a.c")])
    assert r.exit_code == 2 and "not a kmemlint kernel model" in r.output


def test_member_implementations(model: Path, tmp_path: Path) -> None:
    """The model keeps the functions stored in struct members with their sleeping chains
    (``impl``); a model written before that table existed answers with none."""
    m = kernelmodel.KernelModel(model)
    got = {(i.member, i.name, bool(i.sleeps)) for i in m.impls("master_xfer")}
    assert got == {("struct i2c_algorithm.master_xfer", "bit_xfer", True)}
    assert [i.sleeps for i in m.impls("functionality")] == [""]
    text = kernelmodel.describe(m, "struct i2c_algorithm.master_xfer")
    assert "1 implementation(s) in the model, 1 of them may sleep" in text and "bit_xfer()" in text
    m.close()
    old = tmp_path / "old.sqlite"
    shutil.copy(model, old)
    db = sqlite3.connect(old)
    db.execute("DROP TABLE impl")
    db.commit()
    db.close()
    m = kernelmodel.KernelModel(old)
    assert m.impls("master_xfer") == []
    m.close()


def test_pick_follows_the_linker() -> None:
    ext = [kernelmodel.External("f", "drivers/a/x.c", 1, False), kernelmodel.External("f", "drivers/b/y.c", 1, True)]
    assert kernelmodel.pick(ext, "/src/linux/drivers/a/sub/z.c").path == "drivers/a/x.c"  # same module tree
    assert kernelmodel.pick(ext, "/src/linux/drivers/c/z.c").path == "drivers/b/y.c"  # the exported one
    assert kernelmodel.pick(ext[:1], "/src/linux/drivers/c/z.c") is None  # unexported, elsewhere


def test_pick_sees_a_drivers_header_only_from_its_module_tree() -> None:
    """mt7601u.h's static inline mt76_wr() (a USB vendor request) is compiled into mt7601u's files
    only; mt76's own files spell mt76_wr as a macro over their bus ops. A header of include/ is
    seen from everywhere."""
    local = kernelmodel.External("mt76_wr", "drivers/net/wireless/mediatek/mt7601u/mt7601u.h", 305, True)
    assert kernelmodel.pick([local], "/src/linux/drivers/net/wireless/mediatek/mt76/mt792x_dma.c") is None
    assert kernelmodel.pick([local], "/src/linux/drivers/net/wireless/mediatek/mt7601u/mac.c") is local
    shared = kernelmodel.External("mt76_wr", "include/linux/mt76.h", 1, True)
    assert kernelmodel.pick([local, shared], "drivers/net/wireless/mediatek/mt76/mt792x_dma.c") is shared


def test_the_shipped_model() -> None:
    """The wheel ships the model of Linux 6.12 (kmemlint model build of linux-source-6.12), and it
    answers for the driver APIs the real-bug suite needs, each derived from the source."""
    path = kernelmodel.shipped_model()
    assert path is not None, "kmemlint/data/kernel-model.sqlite is missing from the package"
    m = kernelmodel.KernelModel(path)
    assert m.meta["schema"] == str(kernelmodel.SCHEMA_VERSION) and m.meta["tree"].startswith("linux-source-6.12")
    sleeps = {n: m.candidates(n) for n in ("phy_stop", "gpiod_set_value_cansleep", "clk_prepare_enable",
                                            "disable_irq", "pm_runtime_get_sync", "mutex_lock")}
    for name, defs in sleeps.items():
        assert any(d.sleeps is not None for d in defs), name
    (idr,) = m.candidates("idr_alloc")
    assert idr.sleeps is None and [k for k, _ in idr.params.values()] == ["gfp"]
    assert not any(d.sleeps for d in m.candidates("usb_submit_urb"))  # GFP_ATOMIC callers are fine
    assert not any(d.interesting() for d in m.candidates("clk_enable"))  # atomic-safe: its ops are not all sleeping
    # conditional lock helpers (Summary.maybe): cancel_delayed_work() leaves its caller's context
    # as it found it (kernel/workqueue.c try_to_grab_pending() disables interrupts on success only)
    assert not any(d.releases for d in m.candidates("cancel_delayed_work"))
    assert not any(d.releases or d.maybe for d in m.candidates("enable_irq"))
    assert {o.family for d in m.candidates("kvmemdup") for o in d.returns} == {"kvmalloc"}
    assert m.op("struct uart_ops.start_tx") is not None and m.op("struct irq_chip.irq_mask") is not None
    assert m.counts()["functions"] > 20_000


def test_a_part_analysed_again_replaces_its_ops_members() -> None:
    """A first pass that did not yet know include/'s lock wrappers may take a locked call for
    process context and veto the member; the second pass of that part replaces its own answer,
    while another part's veto still stands."""
    from kmemlint.program.atomic import OpsContext

    atomic = OpsContext("struct uart_ops.start_tx", "atomic", "is called by uart_send_xchar() while ...",
                        "drivers/tty/serial/serial_core.c", 729)
    veto = atomic._replace(context="", how="is called in process context by __uart_start()")
    overlay = kernelmodel.Overlay()
    overlay.add(0, [], [veto])
    assert overlay.op(atomic.member).context == ""
    overlay.add(0, [], [atomic])  # part 0 analysed again, with every summary
    assert overlay.op(atomic.member) == atomic
    overlay.add(1, [], [veto._replace(path="drivers/tty/other.c")])
    assert overlay.op(atomic.member).context == ""


def test_pick_does_not_take_a_plain_header_stub_kept_for_its_mask() -> None:
    """include/linux/iommu.h's !CONFIG_IOMMU_API stub iommu_map_sg(..., gfp) is kept in the model
    for its gfp_t parameter only: drivers/iommu/iommu.c's body, which sleeps by the mask, is what a
    caller gets (include/linux/cpumask.h alloc_cpumask_var() likewise)."""
    body = kernelmodel.External("iommu_map_sg", "drivers/iommu/iommu.c", 2616, True,
                                params={5: ("gfp", atomic.Sleep("might_sleep_if()"))}, gfp=(5,))
    stub = kernelmodel.External("iommu_map_sg", "include/linux/iommu.h", 1143, True, gfp=(5,))
    assert kernelmodel.pick([body, stub], "include/linux/iommu.h") is body
    assert kernelmodel.pick([body, stub], "drivers/gpu/drm/foo/foo.c") is body
    assert kernelmodel.pick([stub], "drivers/gpu/drm/foo/foo.c") is stub  # (known: no gfp contract)


def test_pick_judges_configuration_variants_by_what_they_all_do() -> None:
    """mm/nommu.c's vmalloc_to_page() is virt_to_page() (a DMA-unsafe address for vmalloc memory
    in kmemlint's knowledge); mm/vmalloc.c's, the MMU one, walks the page tables. Of several
    exported bodies the call is judged by the one that says least; a header's do-nothing inline
    stub still yields to the real body."""
    from kmemlint.program.memsummary import Wrapped

    nommu = kernelmodel.External("vmalloc_to_page", "mm/nommu.c", 172, True, dma={0: Wrapped(0, frozenset({"virt_to_page"}))})
    mmu = kernelmodel.External("vmalloc_to_page", "mm/vmalloc.c", 740, True)
    assert kernelmodel.pick([nommu, mmu], "/src/linux/drivers/gpu/drm/gud/gud_drv.c") is mmu
    assert kernelmodel.pick([nommu], "/src/linux/drivers/gpu/drm/gud/gud_drv.c") is nommu
    ccf = kernelmodel.External("clk_get_rate", "drivers/clk/clk.c", 1900, True, sleeps=kernelmodel.Sleep("mutex_lock()"))
    sh = kernelmodel.External("clk_get_rate", "drivers/sh/clk/core.c", 600, True)
    assert kernelmodel.pick([sh, ccf], "/src/linux/drivers/video/fbdev/pxafb.c") is ccf  # the one named after it
    stub = kernelmodel.External("__pm_runtime_resume", "include/linux/pm_runtime.h", 250, True)
    real = kernelmodel.External("__pm_runtime_resume", "drivers/base/power/runtime.c", 1160, True, sleeps=kernelmodel.Sleep("might_sleep_if()"))
    assert kernelmodel.pick([stub, real], "/src/linux/drivers/tty/serial/liteuart.c") is real


def test_the_writer_keeps_a_plain_variant_only_beside_another(tmp_path) -> None:
    from kmemlint.program.memsummary import Wrapped

    w = kernelmodel.ModelWriter(tmp_path / "m.sqlite", {"tree": "t"})
    w.add(0, [kernelmodel.External("vmalloc_to_page", "mm/nommu.c", 172, True, dma={0: Wrapped(0, frozenset({"virt_to_page"}))}),
              kernelmodel.External("vmalloc_to_page", "mm/vmalloc.c", 740, True),
              kernelmodel.External("plain_export", "lib/x.c", 3, True)], [])
    w.commit()
    m = kernelmodel.KernelModel(tmp_path / "m.sqlite")
    assert sorted(e.path for e in m.candidates("vmalloc_to_page")) == ["mm/nommu.c", "mm/vmalloc.c"]
    assert m.candidates("plain_export") == []
    m.close()


def test_shared_macros_keep_what_says_something_but_no_lock_macros():
    """The shared headers' macros stored in the model: an expansion reaching a sleeper (directly or
    through another kept macro) is kept; a macro the knowledge names, one that takes a lock
    (include/linux/xarray.h xa_lock()) or one that reschedules after dropping the lock it is given
    (include/linux/sched.h cond_resched_lock()) is not."""
    from kmemlint.frontend.macrodefs import Macro
    from kmemlint.model import Loc

    def m(name, body):
        return Macro(name, ("x",), "", body, Loc("include/linux/x.h", 1, 1))
    macros = [m("wait_event_killable", "({ might_sleep(); __wait_event_killable(x); })"),
              m("my_wait", "wait_event_killable(x)"),
              m("xa_lock", "spin_lock(&(x)->xa_lock)"),
              m("my_locked", "({ xa_lock(x); might_sleep(); })"),
              m("cond_resched_lock", "({ __might_resched(__FILE__, __LINE__, PREEMPT_LOCK_RESCHED_OFFSETS); "
                                     "__cond_resched_lock(x); })"),
              m("might_sleep", "do { __might_sleep(__FILE__, __LINE__); } while (0)"),
              m("my_const", "(x + 1)"),
              m("might_sleep_if", "do { if (x) might_sleep(); } while (0)")]
    known = frozenset(("might_sleep", "__might_resched", "spin_lock")) | atomic.UNDERSTOOD
    kept = kernelmodel.shared_macros(macros, set(known), known, frozenset(("spin_lock",)))
    assert kept == {"wait_event_killable", "my_wait"}


def test_shared_macros_follow_a_function_handed_to_a_macro_that_calls_it():
    """include/linux/regmap.h: devm_regmap_init_mmio_clk() is
    ``__regmap_lockdep_wrapper(__devm_regmap_init_mmio_clk, #config, dev, ...)``, whose body calls
    its ``fn`` parameter: the expansion reaches __devm_regmap_init_mmio_clk() (kzalloc(GFP_KERNEL)),
    so both macros are kept (and devm_regmap_init_mmio(), one level up; the wrapper too, for the
    expansion to go on); a macro handing over a name it does not call is not."""
    from kmemlint.frontend.macrodefs import Macro
    from kmemlint.model import Loc

    at = Loc("include/linux/regmap.h", 1, 1)
    macros = [Macro("__regmap_lockdep_wrapper", ("fn", "name"), "__VA_ARGS__", "fn(__VA_ARGS__, NULL, NULL)", at),
              Macro("devm_regmap_init_mmio_clk", ("dev", "clk_id", "regs", "config"), "",
                    "__regmap_lockdep_wrapper(__devm_regmap_init_mmio_clk, #config, dev, clk_id, regs, config)", at),
              Macro("devm_regmap_init_mmio", ("dev", "regs", "config"), "",
                    "devm_regmap_init_mmio_clk(dev, NULL, regs, config)", at),
              Macro("my_name", ("dev",), "", "__stringify(__devm_regmap_init_mmio_clk, dev)", at)]
    said = {"__devm_regmap_init_mmio_clk"}
    kept = kernelmodel.shared_macros(macros, said, frozenset(), frozenset())
    assert kept == {"devm_regmap_init_mmio_clk", "devm_regmap_init_mmio", "__regmap_lockdep_wrapper"}


def test_member_implementations_of_earlier_parts(model: Path) -> None:
    """A run's earlier parts add the functions they store in members (Overlay.impls), after the
    model's and each once; a member known by its name only is matched against the model's alone
    (``parts=False``): an earlier part's virt_efi_get_time() in ``struct efi.get_time`` must not
    make pwm-ir-tx.c's ``timer->base->get_time`` (an hrtimer_clock_base member) efi's."""
    m = kernelmodel.KernelModel(model)
    overlay = kernelmodel.Overlay()
    mine = kernelmodel.Impl("struct i2c_algorithm.master_xfer", "foo_xfer", "drivers/i2c/busses/foo.c", 3, "x", "")
    again = kernelmodel.Impl("struct i2c_algorithm.master_xfer", "bit_xfer", "drivers/i2c/algos/i2c-algo-bit.c", 1, "y", "")
    overlay.add(0, [], [], [mine, again])
    ext = kernelmodel.Externals([overlay, m])
    got = ext.impls("master_xfer")
    assert sorted(i.name for i in got) == ["bit_xfer", "foo_xfer"]  # bit_xfer once: the first store's
    assert [i.name for i in ext.impls("master_xfer", parts=False)] == ["bit_xfer"]
    overlay.add(0, [], [], [])  # part 0 analysed again, storing nothing now
    ext.forget()
    assert [i.name for i in ext.impls("master_xfer")] == ["bit_xfer"]
    m.close()


def test_a_files_macro_shadows_another_parts_function() -> None:
    """exynos_drm_gsc.c's ``#define gsc_read(offset) readl(...)`` is what its calls of gsc_read()
    are, even when an earlier part of the run exported a gsc_read() function (drivers/mfd/
    gateworks-gsc.c, over I2C): the preprocessor replaced the name. A file without the macro still
    reaches that function."""
    from kmemlint import knowledge
    from kmemlint.frontend import facts
    from kmemlint.program.atomic import Sleep
    from kmemlint.program.summaries import Program

    overlay = kernelmodel.Overlay()
    overlay.add(0, [kernelmodel.External("gsc_read", "drivers/mfd/gateworks-gsc.c", 40, True, Sleep("mutex_lock()"))])
    src = b"#define gsc_read(offset) readl(ctx->regs + (offset))\nstatic int f(struct ctx *ctx) { return gsc_read(4); }\n"
    other = b"int g(void *gsc) { unsigned int v; return gsc_read(gsc, 1, &v); }\n"
    prog = Program([facts.extract("drivers/gpu/drm/exynos/exynos_drm_gsc.c", src),
                    facts.extract("drivers/hwmon/gsc-hwmon.c", other)], knowledge.load(),
                   kernelmodel.Externals([overlay]))
    assert prog.external("gsc_read", "drivers/gpu/drm/exynos/exynos_drm_gsc.c") is None
    assert prog.external("gsc_read", "drivers/hwmon/gsc-hwmon.c").path == "drivers/mfd/gateworks-gsc.c"


def test_which_definitions_a_caller_links_against() -> None:
    """A module links only against exported functions: drivers/base/map.c kobj_map() (not exported)
    is reached from fs/char_dev.c, built in (as the driver core is), but neither from a driver nor
    from a header's inline,
    which modules compile too (include/linux/mm.h pte_offset_map_lock() ->
    mm/pgtable-generic.c __pte_offset_map_lock()); of several bodies, x86-64's arch/x86 one is built
    (iounmap()), and of one file's #ifdef body and #else stub, the body."""
    from kmemlint.program.kernelmodel import External, pick
    from kmemlint.program.atomic import Sleep

    kobj_map = External("kobj_map", "drivers/base/map.c", 3, False, Sleep("kmalloc_array()"))
    assert pick([kobj_map], "fs/char_dev.c") is kobj_map
    assert pick([kobj_map], "drivers/char/foo.c") is None
    assert pick([kobj_map], "include/linux/mm.h") is None
    # the driver core is built in too: drivers/base/core.c dev_set_name() calls lib/kobject.c
    # kobject_set_name_vargs(), which is not exported
    vargs = External("kobject_set_name_vargs", "lib/kobject.c", 266, False, Sleep("kvasprintf_const()"))
    assert pick([vargs], "drivers/base/core.c") is vargs
    assert pick([vargs], "drivers/usb/core/usb.c") is None
    generic = External("iounmap", "mm/ioremap.c", 3, True)
    x86 = External("iounmap", "arch/x86/mm/ioremap.c", 3, True, Sleep("might_sleep()"))
    logic = External("iounmap", "lib/logic_iomem.c", 3, True, Sleep("mutex_lock()"))
    assert pick([generic, logic, x86], "drivers/video/fbdev/foo.c") is x86
    body = External("usb_unlocked_disable_lpm", "drivers/usb/core/hub.c", 4498, True, Sleep("mutex_lock()"))
    stub = External("usb_unlocked_disable_lpm", "drivers/usb/core/hub.c", 4613, True)
    assert pick([stub, body], "drivers/usb/host/foo.c") is body


def test_a_kernel_wide_ops_member_holds_beside_its_core(model: Path) -> None:
    """The model knows the serial core (drivers/tty/serial/serial_core.c) calls ``uart_ops.start_tx``
    under the port lock: a driver in the core's own directory installing a sleeping start_tx runs
    there too, analysed alone (a pre-commit run on st-asc.c) as beside the core. A driver's own
    dispatch, through a struct its own files define, is judged where its core makes the call
    instead: the installed function is no root."""
    from kmemlint import knowledge
    from kmemlint.frontend import facts
    from kmemlint.program.summaries import Program

    asc = b"""struct asc_port { struct uart_port port; struct mutex mutex; };
static void asc_start_tx(struct uart_port *port)
{
	struct asc_port *a = container_of(port, struct asc_port, port);
	mutex_lock(&a->mutex);
}
static const struct uart_ops asc_uart_ops = { .start_tx = asc_start_tx };
"""
    own_h = (b"struct foo_bus_ops { void (*start_tx)(struct foo_bus *bus); };\n"
             b"struct foo_bus { spinlock_t lock; struct mutex mutex; const struct foo_bus_ops *ops; };\n")
    own_core = b"""#include "foo.h"
void foo_bus_kick(struct foo_bus *bus)
{
	spin_lock(&bus->lock);
	bus->ops->start_tx(bus);
	spin_unlock(&bus->lock);
}
EXPORT_SYMBOL(foo_bus_kick);
"""
    own_drv = b"""#include "foo.h"
static void foo_pci_start_tx(struct foo_bus *bus) { mutex_lock(&bus->mutex); }
static const struct foo_bus_ops foo_pci_ops = { .start_tx = foo_pci_start_tx };
"""
    ext = kernelmodel.Externals([kernelmodel.KernelModel(model)])
    files = [facts.extract("drivers/tty/serial/st-asc.c", asc), facts.extract("drivers/tty/serial/foo/foo.h", own_h),
             facts.extract("drivers/tty/serial/foo/foo_core.c", own_core),
             facts.extract("drivers/tty/serial/foo/foo_pci.c", own_drv)]
    an = atomic.Analyzer(Program(files, knowledge.load(), ext))
    assert ("drivers/tty/serial/st-asc.c", "asc_start_tx") in an.roots
    assert an.member_context("struct foo_bus_ops.start_tx") is not None  # (foo_core.c, under its lock)
    assert ("drivers/tty/serial/foo/foo_pci.c", "foo_pci_start_tx") not in an.roots


def test_a_mask_handed_on_through_a_member_and_a_known_plain_one(model: Path, tmp_path: Path) -> None:
    """usb_ep_alloc_request() hands its gfp_flags to ``ep->ops->alloc_request``, whose stored UDC
    functions kzalloc() with it: it sleeps by that mask. usb_ep_queue() hands it to
    ``ep->ops->queue``, whose functions never allocate with it: the model keeps it as a function
    with a gfp_t parameter and nothing to say, so a driver's GFP_KERNEL under a lock is not judged
    by the mask alone there, as it is for a function with no known body (atomic._gfp_contract).
    kvfree() (knowledge: it sleeps for the memory kvmalloc() took from vmalloc) is reported. A mask
    computation in a header (gfp_nested_mask()) is in the model, as a function with a gfp_t
    parameter that does nothing that sleeps, and so is its caller."""
    m = kernelmodel.KernelModel(model)
    (a,) = m.candidates("usb_ep_alloc_request")
    assert a.params[1][0] == "gfp" and a.sleeps is None
    (q,) = m.candidates("usb_ep_queue")
    assert q.gfp == (2,) and not q.interesting()
    # a model build's part knows only what came before it: lib/'s call of include/'s
    # gfp_nested_mask() is no call of an unknown function that sleeps by the mask
    (sd,) = m.candidates("stack_depot_save_flags")
    assert sd.gfp == (2,) and not sd.interesting()
    (nm,) = m.candidates("gfp_nested_mask")
    assert nm.gfp == (0,) and not nm.interesting()
    # a NULL test and a mask decide together: usb_alloc_coherent() keeps both (Summary.conj)
    (uc,) = m.candidates("usb_alloc_coherent")
    assert [tuple(k for _, k in tests) for tests, _ in uc.conj] == [("nonnull", "gfp")]
    m.close()
    drv = tmp_path / "drivers" / "usb" / "gadget" / "function"
    drv.mkdir(parents=True)
    (drv / "f_demo.c").write_text(
        "void demo(struct f_demo *f, void *buf)\n{\n\tunsigned long flags;\n\n"
        "\tspin_lock_irqsave(&f->lock, flags);\n"
        "\tf->req = usb_ep_alloc_request(f->ep, GFP_KERNEL);\n"
        "\tusb_ep_queue(f->ep, f->req, GFP_KERNEL);\n"
        "\tf->cookie = demo_vendor_new(f, GFP_KERNEL);\n"
        "\tf->mask = gfp_nested_mask(GFP_KERNEL);\n"
        "\tkvfree(buf);\n"
        "\tf->dma_buf = usb_alloc_coherent(f->udev, 64, GFP_KERNEL, &f->dma);\n"
        "\tspin_unlock_irqrestore(&f->lock, flags);\n}\n")
    opts = pipeline.Options(paths=[str(drv / "f_demo.c")], jobs=1, kernel_model=str(model))
    found = pipeline.run(opts, warn=lambda m: None).findings
    assert sorted(f.loc.line for f in found if f.rule == "sleep-in-atomic") == [6, 8, 10, 11], found


def test_a_call_reaches_no_function_with_more_parameters(model: Path, tmp_path: Path) -> None:
    """drivers/xen/grant-table.c calls gfn_to_pfn(gfn): the inline of arch/x86/include/asm/xen/page.h
    (which the model does not keep: it says nothing), not virt/kvm/kvm_main.c's exported
    gfn_to_pfn(kvm, gfn), which sleeps. A call with the KVM function's two arguments reaches it."""
    ext = [kernelmodel.External("f", "virt/kvm/kvm_main.c", 1, True, arity=2)]
    assert kernelmodel.pick(ext, "/src/linux/drivers/xen/grant-table.c", 1) is None
    assert kernelmodel.pick(ext, "/src/linux/drivers/xen/grant-table.c", 2) is ext[0]
    assert kernelmodel.pick(ext, "/src/linux/drivers/xen/grant-table.c") is ext[0]  # not a call
    m = kernelmodel.KernelModel(model)
    (g,) = m.candidates("gfn_to_pfn")
    assert g.arity == 2 and g.sleeps is not None
    m.close()
    drv = tmp_path / "drivers" / "xen"
    drv.mkdir(parents=True)
    (drv / "grant-table.c").write_text(
        "static DEFINE_SPINLOCK(gnttab_list_lock);\n\n"
        "unsigned long demo(struct kvm *kvm, unsigned long gfn)\n{\n\tunsigned long pfn;\n\n"
        "\tspin_lock(&gnttab_list_lock);\n"
        "\tpfn = gfn_to_pfn(gfn);\n"
        "\tpfn += gfn_to_pfn(kvm, gfn);\n"
        "\tspin_unlock(&gnttab_list_lock);\n\treturn pfn;\n}\n")
    opts = pipeline.Options(paths=[str(drv / "grant-table.c")], jobs=1, kernel_model=str(model))
    found = pipeline.run(opts, warn=lambda m: None).findings
    assert [f.loc.line for f in found if f.rule == "sleep-in-atomic"] == [9], found



def test_an_answer_is_what_callers_are_told_not_its_witness() -> None:
    """A run's part is analysed again when a later part says something else of a function it
    called than the kernel model did; one sleep named by two witnesses is one answer (a run's chain
    crossing into the model ends at the call, the model's at the sleep), a sleep against none or
    an unconditional sleep against one under a parameter are two."""
    at = Loc("drivers/net/phy/phy_device.c", 1583, 1)
    sleep = Loc("kernel/notifier.c", 387, 1)
    run = Sleep("phylink_attach_phy()", (Step(at, "calls phylink_attach_phy() -> down_read() [kernel/notifier.c:387]"),),
                kind="call")
    model = Sleep("phylink_attach_phy()", (Step(at, "calls phylink_attach_phy()"), Step(sleep, "down_read() may sleep",
                                                                                          "danger")), kind="call")
    a = kernelmodel.External("phylink_connect_phy", "drivers/net/phy/phylink.c", 2000, True, sleeps=run, arity=2)
    b = a._replace(sleeps=model)
    assert kernelmodel.encode(a) != kernelmodel.encode(b)
    assert kernelmodel.answer(a) == kernelmodel.answer(b)
    assert kernelmodel.answer(a) != kernelmodel.answer(a._replace(sleeps=None))
    assert kernelmodel.answer(a) != kernelmodel.answer(a._replace(sleeps=None, params={1: ("gfp", run)}))
    cb = a._replace(callbacks={1: ("timer", "mod_timer() arms it [kernel/time/timer.c:1200]")})
    assert kernelmodel.answer(cb) == kernelmodel.answer(cb._replace(callbacks={1: ("timer", "add_timer() arms it")}))
    assert kernelmodel.answer(cb) != kernelmodel.answer(cb._replace(callbacks={1: ("hard-irq", "add_timer() arms it")}))


def test_functions_called_in_atomic_context_by_files_a_run_lacks(model: Path, tmp_path: Path) -> None:
    # tests/data/model-tree/net/netrom/af_netrom.c calls nr_process_rx_frame() (nr_in.c) under
    # bh_lock_sock(), nr_disconnect() under lock_sock() only
    m = kernelmodel.KernelModel(model)
    (op,) = m.atomic_callers("nr_process_rx_frame").values()
    assert op.member == "fn:nr_process_rx_frame@net/netrom/nr_in.c" and op.path == "net/netrom/af_netrom.c"
    assert "nr_rx_frame()" in op.how and op.context
    assert not m.atomic_callers("nr_disconnect")
    assert all(not n.startswith("fn:") for n in m.ops_named("nr_in.c") + m.ops_named("c"))
    src = TREE / "net/netrom/nr_in.c"
    mine = tmp_path / "net/netrom/nr_in.c"
    mine.parent.mkdir(parents=True)
    mine.write_text(src.read_text().replace("\tnr_kick(sk);", "\tnr_sk(sk)->digi = kmemdup(skb->data, 16, GFP_KERNEL);"))
    found = pipeline.run(pipeline.Options(paths=[str(mine)], jobs=1, kernel_model=str(model)), warn=print).findings
    assert [(f.rule, f.loc.line) for f in found] == [("sleep-in-atomic", 9)]
    assert "nr_rx_frame()" in found[0].message and "[net/netrom/af_netrom.c:13]" in found[0].message
    # a run that has the caller judges the call there, as it always did
    caller = tmp_path / "net/netrom/af_netrom.c"
    caller.write_text((TREE / "net/netrom/af_netrom.c").read_text())
    found = pipeline.run(pipeline.Options(paths=[str(mine), str(caller)], jobs=1, kernel_model=str(model)),
                         warn=print).findings
    assert [(f.loc.path.rsplit("/", 1)[-1], f.loc.line) for f in found] == [("af_netrom.c", 13)]


def test_a_conditional_lock_helper_leaves_its_callers_context(model: Path, tmp_path: Path) -> None:
    # tests/data/model-tree/kernel/workqueue.c: try_to_grab_pending() returns with interrupts off
    # on success only; __cancel_work()'s local_irq_restore() ends that, not its caller's context
    m = kernelmodel.KernelModel(model)
    (g,) = m.candidates("__irq_get_desc_lock")
    assert g.maybe == ("spinlock",) and not g.acquires and not g.releases
    assert "returns holding a spinlock on some paths" in cli(["model", "show", "__irq_get_desc_lock",
                                                             "--kernel-model", str(model)]).output
    (c,) = m.candidates("cancel_delayed_work")
    assert not c.releases and not c.maybe
    # enable_irq() returns early when no descriptor was found (and no lock taken), and releases
    # the descriptor's lock on the other path: it holds nothing on any path
    (e,) = m.candidates("enable_irq")
    assert not e.releases and not e.maybe and not e.acquires
    drv = tmp_path / "drv.c"
    drv.write_text("static irqreturn_t h(int irq, void *p)\n{\n\tstruct d *d = p;\n\n"
                   "\tcancel_delayed_work(&d->work);\n\tmsleep(1);\n\treturn IRQ_HANDLED;\n}\n\n"
                   "static int probe(struct d *d)\n{\n\treturn request_irq(d->irq, h, 0, \"d\", d);\n}\n")
    found = pipeline.run(pipeline.Options(paths=[str(drv)], jobs=1, kernel_model=str(model)), warn=print).findings
    assert [(f.rule, f.loc.line) for f in found] == [("sleep-in-atomic", 6)]
