"""`reportgen rollup`: a 党委's roll-up of its branches' reports (shared/spec/rollup.md).

One concept a module: `branches` collects the files (`prepare` reads, validates, lints and renders
each once), `roster` reads the list of branches, `checks` finds what a 党委 would chase, `totals`
adds the figures up, `summary` holds the roll-up as data, `xlsx` writes the 汇总表,
`compilation` the 汇编 .docx (`package` brings each branch's document into it, `pages` counts its
pages for the contents), and `command` runs them in order for the CLI.
"""
