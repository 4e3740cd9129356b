/* Trimmed from net/netrom/nr_in.c and net/netrom/nr_subr.c (v6.12). */
int nr_process_rx_frame(struct sock *sk, struct sk_buff *skb)
{
	struct nr_sock *nr = nr_sk(sk);
	int queued = 0;

	if (nr->state == NR_STATE_0)
		return 0;
	nr_kick(sk);
	return queued;
}

void nr_disconnect(struct sock *sk, int reason)
{
	nr_stop_t1timer(sk);
	nr_sk(sk)->state = NR_STATE_0;
	sk->sk_state = TCP_CLOSE;
	sk->sk_err = reason;
}
