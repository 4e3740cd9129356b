#ifndef _ASM_DEMO_ARCH_H
#define _ASM_DEMO_ARCH_H
#define DEMO_ARCH_WORDS 4
#endif
