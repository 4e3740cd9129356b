; One multi-pattern query for every syntactic fact kmemlint extracts from a file (STYLE.md §3.3:
; one combined query is 3-4x cheaper than one per concern). Python only touches captured nodes.
(function_definition) @function
(call_expression) @call
(assignment_expression) @assign
(return_statement) @return
; a loop head (an iterator macro respelled `while`: list_for_each_entry(pos, head, member) {)
(while_statement condition: (parenthesized_expression) @head) @loop
(declaration) @decl
(initializer_pair designator: (field_designator) @designator value: (_) @value) @pair
; an unterminated function swallowed by an ERROR node: recovered as far as it parses
(ERROR (function_declarator)) @broken
; struct/union member declarations (FileFacts.structs)
(struct_specifier body: (field_declaration_list)) @struct
(union_specifier body: (field_declaration_list)) @struct
; function-like macro definitions (FileFacts.macros, expanded by kmemlint/macros.py)
(preproc_function_def) @macro
