#!/usr/bin/env python3
"""The context probe: does kmemlint know where the kernel runs a driver's function? Each case of
bench/context_probe_cases.txt is a small driver file whose function CB calls msleep(1) and is then
handed to the kernel one way (a registrar, an ops member, an assignment). Each file is analysed
alone, with a kernel model: a case the kernel runs in atomic context (S) should be reported, one it
runs in process context (-) must not be.

    python bench/context_probe.py [--kernel-model FILE] [--show]

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
};
"""


def cases() -> list[tuple[str, str, str]]:
    """(class, header, driver code) per case."""
    out = []
    for block in CASES.read_text().split("\n\n"):
        lines = [ln for ln in block.splitlines() if not ln.startswith("#")]
        if lines:
            cls, header = lines[0].split(" ", 1)
            out.append((cls, header, "\n".join(lines[1:])))
    return out


def run(code: str, model: str | None, tmp: str, i: int) -> list[dict]:
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
    return [f for f in findings if f["rule"] == "sleep-in-atomic"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel-model", default=None, help="model file (default: the shipped one)")
    ap.add_argument("--show", action="store_true", help="list the misses and false alarms")
    opts = ap.parse_args()
    todo = cases()
    with tempfile.TemporaryDirectory(prefix="kmemlint-ctx-") as tmp, ThreadPoolExecutor(2) as pool:
        got = list(pool.map(lambda ic: run(ic[1][2], opts.kernel_model, tmp, ic[0]), enumerate(todo)))
    score = {c: [0, 0] for c in "S-"}
    misses, alarms = [], []
    for (cls, header, _), found in zip(todo, got):
        score[cls][0] += bool(found)
        score[cls][1] += 1
        if cls == "S" and not found:
            misses.append(header)
        elif cls == "-" and found:
            alarms.append(f"{header}\n      {found[0]['message']}")
    print(f"atomic (S):   {score['S'][0]} of {score['S'][1]} reported")
    print(f"process (-):  {score['-'][0]} of {score['-'][1]} reported")
    if opts.show:
        print("\nmisses:\n  " + "\n  ".join(misses) if misses else "\nno misses")
        print("\nfalse alarms:\n  " + "\n  ".join(alarms) if alarms else "\nno false alarms")


if __name__ == "__main__":
    main()
