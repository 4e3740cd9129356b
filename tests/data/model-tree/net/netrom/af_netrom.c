/* Trimmed from net/netrom/af_netrom.c (v6.12): nr_rx_frame() hands a frame for an existing circuit
 * to nr_process_rx_frame() (net/netrom/nr_in.c) under bh_lock_sock(); nr_release() disconnects a
 * circuit under lock_sock(), in process context. */
int nr_rx_frame(struct sk_buff *skb, struct net_device *dev)
{
	struct sock *sk = nr_find_socket(skb->data[15], skb->data[16]);
	int ret;

	if (sk == NULL)
		return 0;
	bh_lock_sock(sk);
	skb_reset_transport_header(skb);
	ret = nr_process_rx_frame(sk, skb);
	bh_unlock_sock(sk);
	sock_put(sk);
	return ret;
}

static int nr_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (sk == NULL)
		return 0;
	sock_hold(sk);
	lock_sock(sk);
	nr_disconnect(sk, 0);
	release_sock(sk);
	sock_put(sk);
	return 0;
}

static const struct proto_ops nr_proto_ops = {
	.release = nr_release,
};
