#!/usr/bin/env python3
"""Probes of what kmemlint knows of the kernel around a driver, case by case. Each case of a cases
file is a small driver file, analysed alone with a kernel model; an S case should get a finding of
the file's rule (its "# rule:" line), a - case none.

- bench/context_probe_cases.txt (the default): where the kernel runs a driver's function. Its CB
  calls msleep(1) (BODY) and is handed to the kernel one way (a registrar, an ops member, an
  assignment): S when the kernel runs it in atomic context, - in process context.
- bench/free_probe_cases.txt: which allocator family a kernel API's memory belongs to. Each case
  gets memory from one API and frees it with one release: S when that release is the wrong one.
- bench/dma_probe_cases.txt: which interfaces DMA-map the buffer they are given. Each case hands a
  stack buffer to one: S when it maps it, - when it copies it or never maps it.

    python bench/context_probe.py [--cases FILE] [--kernel-model FILE] [--show]

Prints the counts per class and, with --show, the misses (S silent) and the false alarms
(- reported). Needs no kernel tree: the model answers for the kernel's side.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CASES = Path(__file__).resolve().parent / "context_probe_cases.txt"

# the driver's private structure, so that ``d->hr.function`` has a type to name its member by
PREAMBLE = """\
struct foo {
	struct device *dev;
	int irq, cpu;
	struct timer_list timer;
	struct hrtimer hr;
	struct tasklet_struct tl;
	struct net_device *ndev;
	struct napi_struct napi;
	struct urb *urb;
	struct usb_device *udev;
	void *buf;
	struct rcu_head rcu;
	struct irq_work iw;
	struct dma_fence *fence;
	struct dma_fence_cb cb;
	struct led_classdev led;
	struct dma_device dma;
	struct dma_async_tx_descriptor *desc;
	struct gpio_chip gc;
	struct input_dev *input;
	struct mbox_client cl;
	struct mbox_chan *chan;
	struct spi_controller *ctlr;
	struct usb_ep *ep;
	struct usb_request *req;
	struct socket *sock;
	struct clock_event_device ced;
	struct cpuidle_driver drv;
	struct pps_source_info info;
	struct pps_device *pps;
	struct update_util_data uu;
	struct work_struct work;
	struct delayed_work dwork;
	struct task_struct *task;
	const char *name;
	void __user *ubuf;
	int node;
	dma_addr_t handle;
	struct kobject kobj;
	struct dma_pool *pool;
	mempool_t *mpool;
	struct kmem_cache *cache;
	resource_size_t base;
	struct platform_device *pdev;
	struct spi_device *spi;
	struct i2c_adapter *adap;
	struct i2c_client *client;
	struct regmap *regmap;
	struct sdio_func *func;
	struct hid_device *hdev;
	struct ib_device *ibdev;
};
"""


def cases(path: Path) -> tuple[str, list[tuple[str, str, str]]]:
    """The rule, and (class, header, driver code) per case."""
    out = []
    text = path.read_text()
    rule = next((ln.split(":", 1)[1].strip() for ln in text.splitlines() if ln.startswith("# rule:")),
                "sleep-in-atomic")
    for block in text.split("\n\n"):
        lines = [ln for ln in block.splitlines() if not ln.startswith("#")]
        if lines:
            cls, header = lines[0].split(" ", 1)
            out.append((cls, header, "\n".join(lines[1:])))
    return rule, out


def run(code: str, rule: str, model: str | None, tmp: str, i: int) -> list[dict]:
    d = Path(tmp, f"case{i}")
    d.mkdir()
    src = PREAMBLE + code.replace("BODY", "msleep(1);") + "\n"
    (d / "foo.c").write_text(src)
    cmd = [sys.executable, "-m", "kmemlint", "--no-cache", "--exit-zero", "-q", "--format", "json",
           "-o", str(d / "out.json"), str(d / "foo.c")]
    if model:
        cmd[3:3] = ["--kernel-model", model]
    subprocess.run(cmd, check=True)
    found = json.loads((d / "out.json").read_text())
    findings = found if isinstance(found, list) else found.get("findings", [])
    return [f for f in findings if f["rule"] == rule]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=Path, default=CASES, help="cases file (default: %(default)s)")
    ap.add_argument("--kernel-model", default=None, help="model file (default: the shipped one)")
    ap.add_argument("--show", action="store_true", help="list the misses and false alarms")
    opts = ap.parse_args()
    rule, todo = cases(opts.cases)
    with tempfile.TemporaryDirectory(prefix="kmemlint-ctx-") as tmp, ThreadPoolExecutor(2) as pool:
        got = list(pool.map(lambda ic: run(ic[1][2], rule, opts.kernel_model, tmp, ic[0]), enumerate(todo)))
    score = {c: [0, 0] for c in "S-"}
    misses, alarms = [], []
    for (cls, header, _), found in zip(todo, got):
        score[cls][0] += bool(found)
        score[cls][1] += 1
        if cls == "S" and not found:
            misses.append(header)
        elif cls == "-" and found:
            alarms.append(f"{header}\n      {found[0]['message']}")
    print(f"{rule}: should be reported (S): {score['S'][0]} of {score['S'][1]} reported")
    print(f"{rule}: must stay silent (-):  {score['-'][0]} of {score['-'][1]} reported")
    if opts.show:
        print("\nmisses:\n  " + "\n  ".join(misses) if misses else "\nno misses")
        print("\nfalse alarms:\n  " + "\n  ".join(alarms) if alarms else "\nno false alarms")


if __name__ == "__main__":
    main()
