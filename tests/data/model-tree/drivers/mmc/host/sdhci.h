/* Modelled on drivers/mmc/host/sdhci.h (v6.12): the host operations an SDHCI glue driver fills in. */
struct sdhci_host;

struct sdhci_ops {
	void (*reset)(struct sdhci_host *host, u8 mask);
};

struct sdhci_host {
	spinlock_t lock;
	const struct sdhci_ops *ops;
};
