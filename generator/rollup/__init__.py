"""`reportgen rollup`: a 党委's roll-up of its branches' reports (shared/spec/rollup.md).

One concept a module: `branches` collects and validates the files, `roster` reads the list of
branches, `checks` finds what a 党委 would chase, `totals` adds the figures up, `xlsx` writes the
汇总表, `compilation` the 汇编 .docx (with `pages` counting its pages for the contents), and
`command` runs them in order for the CLI.
"""
