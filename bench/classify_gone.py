"""Classify the sleep-in-atomic findings of BEFORE.json that are gone from AFTER.json by the mechanism
that removed them, matching their messages and flows (stop 17's precision work; bench/RESULTS-precision.md).

    python bench/classify_gone.py BEFORE.json AFTER.json

Prints the counts before and after, the gone findings per class, a seeded sample of the unclassified
ones and the new findings. The patterns are the chains each mechanism cut, read off the findings.
"""
import json,collections,re,sys,random
def load(p): return json.load(open(p))
old=[f for f in load(sys.argv[1]) if f['rule']=='sleep-in-atomic']
new=[f for f in load(sys.argv[2]) if f['rule']=='sleep-in-atomic']
key=lambda f:(f['path'],f['line'],f['function'])
nk={key(f) for f in new}; ok={key(f) for f in old}
gone=[f for f in old if key(f) not in nk]; added=[f for f in new if key(f) not in ok]
print(len(old),len(new),'gone',len(gone),'new',len(added))
def cls(f):
    m=f['message']; fl=' '.join(s['message'] for s in f['flow'])
    t=m+' '+fl
    if re.search(r'mt7601u|mt76_wr|mt76_rr|_usb_read|_usb_write|rtl_read|rtl_write|rtl_set_bbreg|rtl_get_bbreg|cw1200_',t): return 'a sibling driver\'s header inline accessor (mt7601u.h mt76_wr/rr, rtlwifi usb io, cw1200): header visibility'
    if re.search(r'amdgpu_kiq|amdgpu_mes|amdgpu_device_[wr]reg|amdgpu_sriov',t): return 'mode branch: amdgpu SR-IOV KIQ register access'
    if re.search(r'sg_miter|kunmap|sg_copy|sg_pcopy',t): return 'mode branch: sg_miter without SG_MITER_ATOMIC'
    if 'notifier_block.notifier_call' in t: return 'ops-member veto: notifier_block.notifier_call'
    if re.search(r'set_memory_|dma_direct_free|dma_free_attrs|vunmap|__change_page_attr',t): return 'mode branch: dma_direct_free() remap/encryption paths'
    if re.search(r'ioremap|memtype_reserve|acpi_os_(read|write)_memory',t): return 'mode branch: acpi_os_*_memory()/ioremap paths'
    if re.search(r'spi_async|spi_maybe_optimize',t): return 'kernel-doc Context: spi_async()'
    mm=re.search(r'installed as (\S+),',fl)
    if mm: return 'ops-member veto or driver-private dispatch: '+mm.group(1)
    if 'pm_runtime' in t: return 'pm_runtime: atomic_safe (pm_runtime_irq_safe()) or a mode branch above it'
    if 'preemption' in t: return 'constant macro branch'
    return 'other'
c=collections.Counter(cls(f) for f in gone)
for k,v in c.most_common(): print(f"- {v}: {k}")
oth=[f for f in gone if cls(f)=='other']
random.seed(1)
for f in random.sample(oth,min(20,len(oth))): print('  OTHER',f['path'],f['line'],f['message'][:260])
for f in added[:20]: print('  NEW',f['path'],f['line'],f['message'][:200])
