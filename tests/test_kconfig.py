"""frontend/kconfig: where a file is built, from a tree's Makefiles and Kconfig (mini trees modelled
on Linux 6.12's arch/powerpc and drivers/ Kconfig files)."""
from __future__ import annotations

from pathlib import Path

from kmemlint.frontend import kconfig


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    (root / "Kbuild").write_text("")
    (root / "MAINTAINERS").write_text("")
    kconfig.load.cache_clear()
    return root


def test_conjuncts_keep_literals_and_drop_what_proves_nothing():
    assert kconfig._conjuncts("PPC64 && (PPC_BOOK3S || COMPILE_TEST) && !CPU_LITTLE_ENDIAN # x") == [
        "PPC64", "!CPU_LITTLE_ENDIAN"]
    assert kconfig._conjuncts("(A && B) && C") == ["A", "B", "C"]
    assert kconfig._conjuncts("!(A && B)") == []
    assert kconfig._conjuncts("A = y || B") == []


POWERPC = {
    "Kconfig": 'source "arch/$(SRCARCH)/Kconfig"\nsource "drivers/Kconfig"\n',
    # arch/powerpc/platforms/Kconfig.cputype: PPC32 is !PPC64; the 32-bit processor types are a
    # choice that depends on it, and two of them select HAVE_ARCH_VMAP_STACK
    "arch/powerpc/Kconfig": 'config PPC\n\tdef_bool y\nrsource "platforms/Kconfig.cputype"\n',
    "arch/powerpc/platforms/Kconfig.cputype": (
        "config PPC32\n\tbool\n\tdefault y if !PPC64\n\n"
        'config PPC64\n\tbool "64-bit kernel"\n\thelp\n\t  config PPC32 otherwise\n\n'
        'choice\n\tprompt "Processor Type"\n\tdepends on PPC32\n\n'
        'config PPC_BOOK3S_32\n\tbool "6xx"\n\tselect HAVE_ARCH_VMAP_STACK\n\n'
        'config PPC_85xx\n\tbool "Freescale 85xx"\n\nendchoice\n\n'
        'config PPC_POWERNV\n\tdepends on PPC64\n\tbool "PowerNV"\n'),
    "arch/x86/Kconfig": "config X86\n\tdef_bool y\n\tselect HAVE_ARCH_VMAP_STACK if X86_64\n"
                        "config X86_64\n\tdef_bool y\n",
    "drivers/Kconfig": 'source "drivers/i2c/Kconfig"\n',
    "drivers/Makefile": "obj-$(CONFIG_I2C) += i2c/\n",
    "drivers/i2c/Kconfig": ('menuconfig I2C\n\ttristate "I2C support"\n\nif I2C\n'
                            'config I2C_OPAL\n\ttristate "IBM OPAL I2C driver"\n\tdepends on PPC_POWERNV\n'
                            'config I2C_MPC\n\ttristate "MPC"\n\tdepends on PPC_85xx\n'
                            'config I2C_CPM\n\ttristate "CPM"\n\tdepends on PPC32\n'
                            'config I2C_ANY\n\ttristate "any"\n\tdepends on PPC64 || COMPILE_TEST\nendif\n'),
    "drivers/i2c/Makefile": ("obj-$(CONFIG_I2C_OPAL) += i2c-opal.o\nobj-$(CONFIG_I2C_MPC) += mpc.o\n"
                             "obj-$(CONFIG_I2C_CPM) += cpm.o\nobj-$(CONFIG_I2C_ANY) += any.o\n"
                             "obj-$(CONFIG_I2C_ANY) += twice.o\nobj-$(CONFIG_I2C_CPM) += twice.o\n"
                             "obj-$(CONFIG_I2C_MPC) += i2c-multi.o\ni2c-multi-y := part.o\n"),
}


def test_architecture_requirements_decide_a_feature(tmp_path):
    root = _tree(tmp_path, POWERPC)
    feature = "HAVE_ARCH_VMAP_STACK"
    d = root / "drivers/i2c"
    assert not kconfig.feature_possible(str(d / "i2c-opal.c"), feature)   # PPC64: no 32-bit type
    assert not kconfig.feature_possible(str(d / "mpc.c"), feature)        # the other choice member
    assert kconfig.feature_possible(str(d / "cpm.c"), feature)            # PPC32: PPC_BOOK3S_32 may be on
    assert kconfig.feature_possible(str(d / "any.c"), feature)            # a disjunction proves nothing
    assert kconfig.feature_possible(str(d / "twice.c"), feature)          # built by two symbols
    assert kconfig.feature_possible(str(d / "unnamed.c"), feature)        # no Makefile line
    assert not kconfig.feature_possible(str(d / "part.c"), feature)       # a composite object's part
    kc = kconfig.load(str(root))
    assert kc.file_symbols("drivers/i2c/part.c") == ["I2C_MPC", "I2C"]
    assert len(kc.defs["PPC32"]) == 1   # PPC64's help text "config PPC32 otherwise" is no definition


def test_outside_a_kernel_tree_everything_is_possible(tmp_path):
    (tmp_path / "foo.c").write_text("int x;\n")
    assert kconfig.feature_possible(str(tmp_path / "foo.c"), "HAVE_ARCH_VMAP_STACK")
