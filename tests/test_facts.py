"""Facts of declarations tree-sitter reads in more than one way."""
from kmemlint.frontend import facts
def test_a_function_returning_a_function_pointer_and_a_macro_made_name() -> None:
    # net/ax25/ax25_iface.c ax25_protocol_function() returns a handler; a macro that makes a
    # function's name (``CONCATENATE(foo, bar)(void)``) names no function ``CONCATENATE``
    src = (b"int CONCATENATE(foo, bar)(void)\n{\n\treturn genl_unregister_family(&x);\n}\n"
           b"static int (*ax25_protocol_function(unsigned int pid))(struct sk_buff *, ax25_cb *)\n{\n"
           b"\tint (*res)(struct sk_buff *, ax25_cb *) = protocol->func;\n\treturn res;\n}\n")
    (fn,) = facts.extract("x.c", src).functions
    assert (fn.name, fn.ret.ptr, [p.name for p in fn.params]) == ("ax25_protocol_function", 1, ["pid"])
    assert [(a.lhs.name, a.rhs.text) for a in fn.assigns] == [("res", "protocol->func")]  # a pointer-to-function local
