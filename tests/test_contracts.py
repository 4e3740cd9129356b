"""What a struct's own documentation says of its function-pointer members (facts.Contract)."""
from __future__ import annotations

from kmemlint.frontend.facts import extract


def contracts(src: str) -> dict[str, str]:
    return {c.member: c.quote for c in extract("include/linux/x.h", src.encode()).contracts}


def test_a_plain_comment_before_a_member_and_a_paragraph_naming_another() -> None:
    """include/linux/leds.h brightness_set: "Must not sleep. Use brightness_set_blocking ..." is
    brightness_set's (the other member is named without "()"); include/linux/mmu_notifier.h: the
    comment before alloc_notifier ends with a paragraph about "free_notifier() ... cannot sleep"."""
    got = contracts("""struct led_classdev {
	/* Set LED brightness level
	 * Must not sleep. Use brightness_set_blocking for drivers
	 * that can sleep while setting brightness.
	 */
	void (*brightness_set)(struct led_classdev *led_cdev, int brightness);
	int (*brightness_set_blocking)(struct led_classdev *led_cdev, int brightness);
};
struct mmu_notifier_ops {
	/*
	 * These callbacks are used with the get/put interface to manage the
	 * lifetime of the mmu_notifier memory. alloc_notifier() returns a new
	 * notifier for use with the mm.
	 *
	 * free_notifier() is only called after the mmu_notifier has been
	 * fully put. It is called from a SRCU callback
	 * and cannot sleep.
	 */
	struct mmu_notifier *(*alloc_notifier)(struct mm_struct *mm);
	void (*free_notifier)(struct mmu_notifier *subscription);
};
""")
    assert got == {"struct led_classdev.brightness_set": "Set LED brightness level Must not sleep.",
                   "struct mmu_notifier_ops.free_notifier": "It is called from a SRCU callback and cannot sleep."}


def test_kernel_doc_conditional_and_mutex_contracts() -> None:
    got = contracts("""/**
 * struct foo_ops - ops
 * @tx: Handler for each transmitted frame. Must be atomic.
 * @blink: if blink_blocking is not set this function must not sleep.
 * @termios: Locking: caller holds port->mutex. This call must not sleep.
 */
struct foo_ops {
	void (*tx)(void *p);
	int (*blink)(void *p);
	void (*termios)(void *p);
};
""")
    assert got == {"struct foo_ops.tx": "Must be atomic."}
