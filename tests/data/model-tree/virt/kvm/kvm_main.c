// SPDX-License-Identifier: GPL-2.0-only
/* Modelled on virt/kvm/kvm_main.c (v6.12) gfn_to_pfn(): a guest frame resolved through the memslots,
 * which may fault the page in (hva_to_pfn() -> get_user_pages_unlocked(): mmap_read_lock()). Xen's
 * arch/x86/include/asm/xen/page.h has a gfn_to_pfn(gfn) of its own, a header inline reading the
 * M2P table, which never sleeps. */
#include <linux/kvm_host.h>

kvm_pfn_t gfn_to_pfn(struct kvm *kvm, gfn_t gfn)
{
	kvm_pfn_t pfn;

	mutex_lock(&kvm->slots_lock);
	pfn = __gfn_to_pfn(kvm, gfn);
	mutex_unlock(&kvm->slots_lock);
	return pfn;
}
EXPORT_SYMBOL_GPL(gfn_to_pfn);
