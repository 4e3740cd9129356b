"""Whole-program stages, over the facts of the per-file stages: the program and its name
resolution (summaries), the dataflow framework, allocation provenance and its value flow through
returns, parameters, members and globals (provenance, memsummary), atomic context and sleeping
(atomic), C types over facts (typeinfo), and the summaries of functions outside the analysed files
(kernelmodel: earlier parts of a run, the kernel model), and a big program analysed in parts, each
with the summaries of the others (parts). Nothing here imports the rules, the reporters, the cache
or the pipeline."""
