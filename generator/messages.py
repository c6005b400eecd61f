"""Every sentence the user can see, keyed, in Chinese (default) and English side by side.

The language is `--lang`, else the REPORTGEN_LANG environment variable, else Chinese. The CLI
sets REPORTGEN_LANG from `--lang`, so worker processes started by `spawn` speak it too.
"""

from __future__ import annotations

import os

LANGS = ("zh", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ reading the file
    "read.not-utf8": {
        "zh": "文件不是 UTF-8 编码（这里的字节可能是 {likely} 编码）：请在编辑器中“另存为”UTF-8 编码后再试",
        "en": "the file is not UTF-8 (the bytes here look like {likely}): save it again as UTF-8",
    },
    "read.not-utf8-unknown": {
        "zh": "文件不是 UTF-8 编码：请在编辑器中“另存为”，编码选择 UTF-8 后再试",
        "en": "the file is not UTF-8: save it again with the encoding UTF-8",
    },
    "read.bad-utf16": {
        "zh": "文件以 UTF-16 标记开头，但这里的内容不是有效的 UTF-16：请另存为 UTF-8 编码",
        "en": "the file starts with a UTF-16 mark but is not valid UTF-16 here: save it as UTF-8",
    },
    "read.too-big": {
        "zh": "文件太大（{size} 字节），数据文件最多 {limit} 字节",
        "en": "the file is too large ({size} bytes); a data file has at most {limit} bytes",
    },
    "read.empty": {"zh": "文件是空的：至少要写 organization、period、summary、problems、plans", "en": "the file is empty"},
    "read.not-mapping": {
        "zh": "文件最外层必须是“键: 值”形式的映射（如 organization: …），而不是列表或单个值",
        "en": "the top level must be a mapping of keys (organization: …), not a list or a single value",
    },
    "read.many-documents": {
        "zh": "一个文件只能有一份报告：请删除“---”分隔的第二部分，或拆成两个文件",
        "en": "one report per file: remove the second document after `---` or split the file",
    },
    "read.alias": {
        "zh": "不支持 YAML 别名（*名称）：请把内容直接写出来",
        "en": "YAML aliases (*name) are not supported: write the content out",
    },
    "read.anchor": {
        "zh": "不支持 YAML 锚点（&名称）：请删除它",
        "en": "YAML anchors (&name) are not supported: remove it",
    },
    "read.tag": {
        "zh": "不支持 YAML 标签 {tag}：请删除它，直接写值",
        "en": "YAML tags such as {tag} are not supported: remove it",
    },
    "read.merge-key": {
        "zh": "不支持合并键“<<”：请把内容直接写出来",
        "en": "merge keys (<<) are not supported: write the content out",
    },
    "read.complex-key": {"zh": "键必须是简单的文字", "en": "a key must be plain text"},
    "read.duplicate-key": {
        "zh": "键“{key}”重复了（第 {line} 行已有）：请合并或删除其中一个",
        "en": "duplicate key “{key}” (already on line {line}): merge or remove one",
    },
    "read.too-deep": {
        "zh": "嵌套层次太深（最多 {limit} 层）：请检查缩进",
        "en": "nested too deeply (at most {limit} levels): check the indentation",
    },
    "read.bad-date": {
        "zh": "日期“{value}”不存在：请检查年月日",
        "en": "the date “{value}” does not exist: check year, month and day",
    },
    "read.missing": {"zh": "找不到文件“{path}”", "en": "file “{path}” not found"},
    "read.unreadable": {"zh": "无法读取“{path}”：{reason}", "en": "cannot read “{path}”: {reason}"},
    # ------------------------------------------------------------ YAML syntax
    "yaml.no-colon": {
        "zh": "YAML 格式有误：这里缺少半角冒号“:”（键和值之间要写“: ”，冒号后有空格）",
        "en": "YAML syntax: a colon is missing here (write `key: value`, with a space after the colon)",
    },
    "yaml.mapping-here": {
        "zh": "YAML 格式有误：这里不能出现“键: 值”。请检查缩进；若文字本身含有“: ”，请给整段文字加引号或改用全角冒号",
        "en": "YAML syntax: a `key: value` is not allowed here; check the indentation, or quote text that contains `: `",
    },
    "yaml.tab": {
        "zh": "YAML 格式有误：不能用 Tab 缩进，请改用空格",
        "en": "YAML syntax: tabs cannot indent; use spaces",
    },
    "yaml.fullwidth-space": {
        "zh": "YAML 格式有误：这里用全角空格“　”缩进了，请改用半角空格",
        "en": "YAML syntax: a full-width space (U+3000) indents this line; use ordinary spaces",
    },
    "yaml.fullwidth-colon": {
        "zh": "YAML 格式有误：键后面用了全角冒号“：”，请改为半角冒号加空格“: ”",
        "en": "YAML syntax: the key is followed by a full-width colon “：”; use `: `",
    },
    "yaml.unclosed-quote": {
        "zh": "YAML 格式有误：引号没有闭合，请在文字末尾补上对应的引号",
        "en": "YAML syntax: a quotation mark is not closed",
    },
    "yaml.bad-escape": {
        "zh": "YAML 格式有误：双引号里的反斜杠“\\”要写成“\\\\”，或改用单引号把文字括起来",
        "en": "YAML syntax: a backslash inside double quotes starts an escape; write \\\\ or use single quotes",
    },
    "yaml.leading-quote": {
        "zh": "YAML 格式有误：文字以半角引号 {quote} 开头，YAML 把这对引号当成了整段文字的界限，引号后面的文字就多了出来。"
        "请改用中文引号，改为：{fixed}（或者给整段文字加上引号：{quoted}）",
        "en": "YAML syntax: the text starts with a half-width quote {quote}, which YAML reads as quoting the whole value, "
        "so the words after the closing quote are left over. Use Chinese quotes: {fixed} (or quote the whole text: {quoted})",
    },
    "yaml.reserved-char": {
        "zh": "YAML 格式有误：以“{char}”开头的文字要用引号括起来，如 \"{char}……\"",
        "en": "YAML syntax: text that starts with “{char}” must be put in quotes",
    },
    "yaml.unclosed-bracket": {
        "zh": "YAML 格式有误：这里的“{char}”没有配对的结束括号；如果它是文字的一部分，请给整段文字加引号",
        "en": "YAML syntax: the “{char}” here is never closed; if it is part of the text, put the whole text in quotes",
    },
    "yaml.indent": {
        "zh": "YAML 格式有误：缩进不一致，同一级的键要对齐",
        "en": "YAML syntax: inconsistent indentation; keys of one level must line up",
    },
    "yaml.other": {"zh": "YAML 格式有误（{problem}）", "en": "YAML syntax error ({problem})"},
    # ------------------------------------------------------------ schema
    "schema.required": {"zh": "缺少必填项“{field}”", "en": "required field “{field}” is missing"},
    "schema.unknown": {"zh": "未知的键“{field}”{hint}", "en": "unknown key “{field}”{hint}"},
    "schema.did-you-mean": {"zh": "，是不是“{name}”？", "en": "; did you mean “{name}”?"},
    "schema.known-keys": {"zh": "（可用的键：{names}）", "en": " (known keys: {names})"},
    "schema.type": {"zh": "必须是{expected}（这里是{got}）", "en": "must be {expected} (got {got})"},
    "schema.empty": {"zh": "不能为空", "en": "must not be empty"},
    "schema.null": {"zh": "没有填写值：请填写内容", "en": "has no value: fill it in"},
    "schema.null-optional": {
        "zh": "没有填写值：请填写内容（这一项可以不写，也可以整行删除）",
        "en": "has no value: fill it in (this key is optional: the line may be removed instead)",
    },
    "schema.minlength": {"zh": "太短，至少 {limit} 个字符", "en": "too short: at least {limit} characters"},
    "schema.maxlength": {
        "zh": "太长（{length} 个字符），最多 {limit} 个字符",
        "en": "too long ({length} characters): at most {limit}",
    },
    "schema.min": {"zh": "不能小于 {limit}", "en": "must be at least {limit}"},
    "schema.max": {"zh": "不能大于 {limit}", "en": "must be at most {limit}"},
    "schema.allowed": {"zh": "“{value}”不可用，只能是：{allowed}", "en": "“{value}” is not allowed; use one of: {allowed}"},
    "schema.format-version": {
        "zh": "本程序读取数据格式第 1 版，这里是第 {value} 版",
        "en": "this reportgen reads data format version 1, not {value}",
    },
    "schema.key-format": {
        "zh": "数据项的键“{value}”只能用小写英文字母、数字和下划线，并以字母开头（如 study_sessions）",
        "en": "figure key “{value}” must be lower-case letters, digits and _ , starting with a letter",
    },
    "schema.other": {"zh": "不符合格式要求（{rule}）", "en": "does not fit the format ({rule})"},
    "type.string": {"zh": "文字", "en": "text"},
    "type.integer": {"zh": "整数", "en": "a whole number"},
    "type.decimal": {"zh": "非负数字（如 12 或 12.5）", "en": "a number (12 or 12.5)"},
    "type.date": {"zh": "日期（2024-07-05 或 2024年7月5日）", "en": "a date (2024-07-05 or 2024年7月5日)"},
    "type.dict": {"zh": "“键: 值”形式的映射", "en": "a mapping of keys"},
    "type.list": {"zh": "列表（每项以“- ”开头）", "en": "a list (each item starting with `- `)"},
    "got.string": {"zh": "文字“{value}”", "en": "the text “{value}”"},
    "got.integer": {"zh": "数字 {value}", "en": "the number {value}"},
    "got.dict": {"zh": "映射", "en": "a mapping"},
    "got.list": {"zh": "列表", "en": "a list"},
    "got.other": {"zh": "{value}", "en": "{value}"},
    "hint.fullwidth-colon": {
        "zh": "；“{value}”里用了全角冒号“：”，YAML 需要半角冒号加空格“: ”",
        "en": "; “{value}” uses a full-width colon “：” where YAML needs `: `",
    },
    "hint.fullwidth-space": {
        "zh": "；“{value}”里冒号后面是全角空格“　”，YAML 需要半角冒号加半角空格“: ”",
        "en": "; “{value}” has a full-width space after the colon where YAML needs `: `",
    },
    # ------------------------------------------------------------ rules beyond Cerberus
    "check.index-needed": {
        "zh": "半年报告要写 index: 1 或 2，季度报告要写 index: 1–4",
        "en": "a half-year needs index 1 or 2; a quarter needs index 1–4",
    },
    "check.index-half": {"zh": "半年的 index 只能是 1 或 2", "en": "index of a half must be 1 or 2"},
    "check.index-year": {"zh": "年度报告不写 index", "en": "a year report has no index"},
    "check.block-empty": {
        "zh": "至少要有 text、points、items 中的一项",
        "en": "needs at least one of text, points, items",
    },
    "check.too-deep": {
        "zh": "条目最多嵌套三层（部分 → 条目 → 条目 → 条目）",
        "en": "items nest at most three levels below a part",
    },
    "check.multiline-title": {"zh": "标题只能有一行", "en": "a title is one line"},
    "check.bad-char": {
        "zh": "含有文档无法保存的控制字符 U+{code:04X}：请删除它（常见于从其他软件复制的文字）",
        "en": "contains the control character U+{code:04X}, which a document cannot hold: remove it",
    },
    "check.ref-unknown": {
        "zh": "引用了未定义的数据项“${{{name}}}”{hint}",
        "en": "refers to “${{{name}}}”, which figures does not define{hint}",
    },
    "check.ref-malformed": {
        "zh": "数据引用“{text}”写法有误：应写作 ${{键名}}，键名为小写字母、数字和下划线；要写“${{”本身请写“$${{”",
        "en": "malformed reference “{text}”: write ${{key}} with a lower-case key; write $${{ for a literal ${{",
    },
    "read.bad-period": {
        "zh": "报告期“{value}”写法有误：简写为 2024（年度）、2024H1 或 2024H2（半年）、2024Q1 至 2024Q4（季度），或写作 {{year: 2024, span: half, index: 1}}",
        "en": "the period “{value}” is not valid: write 2024 (a year), 2024H1 or 2024H2 (a half), 2024Q1 to 2024Q4 (a quarter), or {{year: 2024, span: half, index: 1}}",
    },
    "check.ref-derived-unknown": {
        "zh": "“{text}”中的“.{derived}”不是可用的写法（可用：.change 增减、.rate 增长率、.share 占比、.completion 完成率、.previous 上期数）{hint}",
        "en": "“.{derived}” in “{text}” is not a known reference (known: .change, .rate, .share, .completion, .previous){hint}",
    },
    "figure.no-previous": {
        "zh": "“{text}”要用上期数值，但数据项“{name}”没有 previous：请在 figures.{name} 下写上 previous",
        "en": "“{text}” needs the previous value, but the figure “{name}” has no previous: add previous under figures.{name}",
    },
    "figure.previous-zero": {
        "zh": "“{text}”无法计算：数据项“{name}”的上期数值 previous 为 0，不能算增长率（可改用 ${{{name}.change}}）",
        "en": "“{text}” cannot be computed: the previous value of “{name}” is 0, so there is no rate (use ${{{name}.change}})",
    },
    "figure.no-of": {
        "zh": "“{text}”要用总数，但数据项“{name}”没有 of：请在 figures.{name} 下写 of: 总数的键名",
        "en": "“{text}” needs the whole, but the figure “{name}” has no of: add of: <key of the whole> under figures.{name}",
    },
    "figure.whole-zero": {
        "zh": "“{text}”无法计算：总数“{whole}”的数值为 0",
        "en": "“{text}” cannot be computed: the whole “{whole}” is 0",
    },
    "figure.no-target": {
        "zh": "“{text}”要用计划数，但数据项“{name}”没有 target：请在 figures.{name} 下写上 target",
        "en": "“{text}” needs the planned value, but the figure “{name}” has no target: add target under figures.{name}",
    },
    "figure.target-zero": {
        "zh": "“{text}”无法计算：数据项“{name}”的计划数 target 为 0",
        "en": "“{text}” cannot be computed: the target of “{name}” is 0",
    },
    "check.of-unknown": {
        "zh": "of 写的“{name}”不是本文件 figures 中的数据项{hint}",
        "en": "of names “{name}”, which figures does not define{hint}",
    },
    "check.of-self": {"zh": "of 不能指向数据项自己", "en": "of cannot name the figure itself"},
    "check.ref-not-here": {
        "zh": "这里不能引用数据项（${{…}} 只能用在正文和标题中）",
        "en": "figure references (${{…}}) are not allowed here, only in texts and titles",
    },
    "check.template-unknown": {
        "zh": "没有名为“{name}”的内置模板{hint}；内置模板有：{names}，也可以写相对于本文件的 .docx 路径",
        "en": "no built-in template “{name}”{hint}; the built-in ones are {names}, or write a .docx path relative to this file",
    },
    "check.template-absolute": {
        "zh": "模板“{name}”是绝对路径：数据文件里请写相对于本文件的 .docx 路径（或在命令行用 -t 指定）；内置模板有：{names}",
        "en": "the template “{name}” is an absolute path: in a data file write a .docx path relative to the file (or give it with -t); the built-in ones are {names}",
    },
    "check.template-not-docx": {
        "zh": "模板“{name}”不是 .docx 文件路径（要以 .docx 结尾）；内置模板有：{names}",
        "en": "the template “{name}” is not a path to a .docx file (it must end in .docx); the built-in ones are {names}",
    },
    "check.template-outside": {
        "zh": "模板“{name}”指向本文件所在的文件夹、当前工作目录和本文件的 git 仓库之外（{path}）：请把模板放到仓库里；内置模板有：{names}",
        "en": "the template “{name}” points outside this file's folder, the working directory and the file's git repository ({path}): keep templates inside the repository; the built-in ones are {names}",
    },
    "check.template-missing": {
        "zh": "找不到模板文件“{name}”（{path}，相对于本文件所在的文件夹）；内置模板有：{names}",
        "en": "template file “{name}” not found ({path}, relative to this file's folder); the built-in ones are {names}",
    },
    "check.template-unreadable": {
        "zh": "无法读取模板“{name}”：{reason}；内置模板有：{names}",
        "en": "cannot read the template “{name}”: {reason}; the built-in ones are {names}",
    },
    "check.template-bad-docx": {
        "zh": "模板“{name}”不是有效的 .docx 文件（用 Word 或 WPS 另存为 .docx）；内置模板有：{names}",
        "en": "the template “{name}” is not a valid .docx file (save it as .docx from Word or WPS); the built-in ones are {names}",
    },
    # ------------------------------------------------------------ templates and rendering
    # the one-line descriptions of the built-in formats (`reportgen templates`)
    "format.standard": {
        "zh": "默认格式：一、基本情况 / 二、存在问题 / 三、原因分析 / 四、下步打算，条目（一）（二）",
        "en": "default: 一、基本情况 / 二、存在问题 / 三、原因分析 / 四、下步打算, items （一）（二）",
    },
    "format.flat": {
        "zh": "平铺格式：各项工作直接作一级标题（一、），问题和措施接续编号，条目 1. 2.",
        "en": "flat: each area of work is a top section (一、), problems and plans number on, items 1. 2.",
    },
    "format.points": {
        "zh": "要点格式：“一是……”每点一段，开展情况 / 存在的问题 / 计划安排",
        "en": "points: one paragraph per point (一是…), work done / problems / plans",
    },
    "format.headline": {
        "zh": "标题格式：各项工作以独立成段的主题句作一级标题，问题和措施接续编号",
        "en": "headline: each area of work under a headline phrase (一、), problems and plans number on",
    },
    "format.two-part": {
        "zh": "两部分格式：第一部分 工作总结，第二部分 工作计划",
        "en": "two parts: 第一部分 the summary of the period, 第二部分 the plan for the next",
    },
    "template.unknown": {
        "zh": "没有名为“{name}”的内置模板{hint}；可用：{names}。也可以给出 .docx 文件路径",
        "en": "no built-in template “{name}”{hint}; available: {names}; or give a path to a .docx",
    },
    "template.missing-file": {"zh": "找不到模板文件“{path}”", "en": "template file “{path}” not found"},
    "template.not-docx": {
        "zh": "“{path}”不是有效的 .docx 文件（{reason}）",
        "en": "“{path}” is not a valid .docx file ({reason})",
    },
    "template.no-tags": {
        "zh": "“{path}”里没有任何模板标记（如 {{{{ title }}}}、{{% for … %}}）：它是一份普通的 Word 文档，不是模板，"
        "用它生成只会得到它原有的文字，不会填入数据。模板的写法见 docs/templates.md；要用内置版式，写版式名即可（如 standard）",
        "en": "“{path}” has no template tags (such as {{{{ title }}}} or {{% for … %}}): it is an ordinary Word document, "
        "not a template, and would print its own text without the data. See docs/templates.md for how to write a "
        "template; for a built-in layout, give its name (such as standard)",
    },
    "template.syntax": {
        "zh": "{path}：模板语法错误，位于{where}：{problem}",
        "en": "{path}: template syntax error in {where}: {problem}",
    },
    "template.render": {
        "zh": "{path}：模板无法渲染，位于{where}：{problem}",
        "en": "{path}: the template failed in {where}: {problem}",
    },
    "template.unsafe": {
        "zh": "{path}：模板试图访问不允许的内部属性，位于{where}：{problem}",
        "en": "{path}: the template reached for a forbidden attribute in {where}: {problem}",
    },
    "template.limit": {
        "zh": "{path}：模板超出了限制，位于{where}：{problem}",
        "en": "{path}: the template went past a limit in {where}: {problem}",
    },
    "template.limit-time": {
        "zh": "运行超过 {seconds} 秒（可能是循环套得太深或次数太多）",
        "en": "it ran for more than {seconds} seconds (loops nested too deep or too long?)",
    },
    "template.limit-size": {
        "zh": "生成的文字或列表超过 {limit} 个字符（项）",
        "en": "it makes a text or list of more than {limit} characters (items)",
    },
    "template.limit-int": {
        "zh": "计算出的整数超过 {bits} 位二进制（如 9**(9**9)）",
        "en": "it computes an integer of more than {bits} bits (such as 9**(9**9))",
    },
    "template.limit-range": {
        "zh": "range() 或次数参数超过 {limit}",
        "en": "a range() or count of more than {limit}",
    },
    "template.limit-loops": {
        "zh": "嵌套循环的最内层要运行 {runs} 次，超过 {limit} 次",
        "en": "nested loops would run their innermost body {runs} times, more than {limit}",
    },
    "template.limit-recursion": {
        "zh": "宏调用自身的层数太多（递归过深）",
        "en": "a macro calls itself too deeply (recursion)",
    },
    "template.where-paragraph": {"zh": "第 {n} 段“{snippet}”", "en": "paragraph {n} “{snippet}”"},
    "template.where-unknown": {"zh": "模板中", "en": "the template"},
    "template.where-cell": {
        "zh": "第 {n} 段（表格 {table} 第 {row} 行第 {cell} 格）“{snippet}”",
        "en": "paragraph {n} (table {table} row {row} cell {cell}) “{snippet}”",
    },
    "template.where-in-part": {"zh": "{part} 的{where}", "en": "{where} of {part}"},
    "template.filter-number": {
        "zh": "过滤器 {filter} 需要从 1 开始的整数（如 loop.index），这里是“{value}”",
        "en": "the filter {filter} needs a whole number from 1 (such as loop.index), not “{value}”",
    },
    "template.filter-level": {
        "zh": "label 的级别只能是 {levels}，这里是“{level}”",
        "en": "the level of label must be {levels}, not “{level}”",
    },
    # ------------------------------------------------------------ check-template
    "checktpl.finding": {"zh": "{path}：{where}：{problem}", "en": "{path}: {where}: {problem}"},
    "checktpl.ok": {
        "zh": "{path}：模板检查通过（{tags} 个模板标记）",
        "en": "{path}: OK ({tags} template tags)",
    },
    "checktpl.syntax": {"zh": "模板语法错误：{problem}", "en": "template syntax error: {problem}"},
    "checktpl.unclosed": {
        "zh": "“{tag}”没有闭合：缺少“{closer}”",
        "en": "“{tag}” is never closed: “{closer}” is missing",
    },
    "checktpl.split": {
        "zh": "“{tag}”的结尾“{closer}”在{other}：一个模板标记必须写在同一段内",
        "en": "“{tag}” is closed by “{closer}” in {other}: a tag must begin and end in one paragraph",
    },
    "checktpl.unknown-name": {
        "zh": "数据模型中没有变量“{name}”{hint}",
        "en": "the data model has no variable “{name}”{hint}",
    },
    "checktpl.unknown-attr": {
        "zh": "“{expr}”：{type} 没有属性“{attr}”{hint}",
        "en": "“{expr}”: {type} has no attribute “{attr}”{hint}",
    },
    "checktpl.unsafe-attr": {
        "zh": "“{expr}”：模板不能访问以下划线开头的内部属性",
        "en": "“{expr}”: templates may not reach attributes that start with an underscore",
    },
    "checktpl.limit": {"zh": "运行时会超出限制：{problem}", "en": "it would go past a limit when run: {problem}"},
    "checktpl.unknown-filter": {"zh": "没有名为“{name}”的过滤器{hint}", "en": "there is no filter “{name}”{hint}"},
    "checktpl.unknown-test": {"zh": "没有名为“{name}”的测试{hint}", "en": "there is no test “{name}”{hint}"},
    "checktpl.no-include": {
        "zh": "“{tag}”：模板不能引用其他模板文件，请把内容直接写进本模板",
        "en": "“{tag}”: a template cannot load other templates; write the content into this one",
    },
    # ------------------------------------------------------------ output
    "out.same-as-input": {
        "zh": "输出文件“{path}”就是输入文件，不能覆盖输入",
        "en": "the output “{path}” is the input file itself",
    },
    "out.no-folder": {
        "zh": "输出目录“{path}”不存在：请先创建它",
        "en": "the output folder “{path}” does not exist",
    },
    "out.unwritable": {"zh": "无法写入“{path}”：{reason}", "en": "cannot write “{path}”: {reason}"},
    "out.reason-not-folder": {"zh": "“{path}”是文件，不是目录", "en": "“{path}” is a file, not a folder"},
    "out.reason-is-folder": {"zh": "这是一个目录", "en": "it is a folder"},
    "out.reason-read-only": {"zh": "文件是只读的", "en": "the file is read-only"},
    "out.reason-no-permission": {"zh": "没有在该目录中写文件的权限", "en": "no permission to write in that folder"},
    "out.reason-not-regular": {
        "zh": "它不是普通文件（是设备、管道或套接字），输出只能写成普通文件",
        "en": "it is not a regular file (a device, FIFO or socket); an output is only ever a regular file",
    },
    "out.other-kind": {
        "zh": "“{path}”已存在，且不是 {ext} 文件，没有覆盖它：请用 -o 另选输出文件，确实要覆盖请加 --force",
        "en": "“{path}” exists and is not a {ext} file; it was left alone: choose another output with -o, "
        "or add --force to overwrite it",
    },
    "out.foreign-document": {
        "zh": "“{path}”是一份不由 reportgen 生成的 Word 文档（最后由“{by}”保存，可能是导入时的原稿，"
        "或生成后又在 Word 里改过），没有覆盖它：请用 -o 另选输出文件，确实要覆盖请加 --force",
        "en": "“{path}” is a Word document reportgen did not write (last saved by “{by}”: the original an "
        "import read, or a render edited in Word since) and was left alone: choose another output with -o, "
        "or add --force to overwrite it",
    },
    "out.foreign-document-unsigned": {
        "zh": "“{path}”是一份不由 reportgen 生成的 Word 文档（可能是导入时的原稿，或生成后又在 Word 里改过），"
        "没有覆盖它：请用 -o 另选输出文件，确实要覆盖请加 --force",
        "en": "“{path}” is a Word document reportgen did not write (the original an import read, or a render "
        "edited in Word since) and was left alone: choose another output with -o, or add --force to overwrite it",
    },
    "out.collision": {
        "zh": "“{a}”和“{b}”会写到同一个输出文件“{out}”：请用 -o 指定不同目录或改名",
        "en": "“{a}” and “{b}” would both write “{out}”",
    },
    "out.o-file-many": {
        "zh": "有多个输入时，-o 必须是目录（不存在时会自动创建；目录名末尾可以加 /）",
        "en": "with several inputs, -o must be a folder (made when missing; end its name with /)",
    },
    "err.missing-program": {"zh": "找不到程序 {program}。{hint}", "en": "{program} is not installed. {hint}"},
    "reason.not-zip": {"zh": "它不是 zip 压缩包", "en": "it is not a zip archive"},
    "reason.too-big": {
        "zh": "其中的 {member} 解压后超过 {limit} 字节（可能是压缩炸弹）",
        "en": "its member {member} inflates to more than {limit} bytes (a zip bomb?)",
    },
    "err.interrupted": {"zh": "已中断，未写出不完整的文件", "en": "interrupted; no partial file was written"},
    # ------------------------------------------------------------ PDF (LibreOffice, pdffonts)
    "pdf.hint-soffice": {
        "zh": "生成 PDF 需要 LibreOffice。Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui；"
        "Windows：安装 LibreOffice，并把它的 program 文件夹（如 C:\\Program Files\\LibreOffice\\program）加入 PATH",
        "en": "PDF output needs LibreOffice. Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui; "
        "Windows: install LibreOffice and add its program folder "
        "(such as C:\\Program Files\\LibreOffice\\program) to PATH",
    },
    "pdf.hint-pdffonts": {
        "zh": "检查 PDF 字体需要 poppler 的 pdffonts。Debian/Ubuntu：sudo apt-get install poppler-utils；"
        "Windows：安装 poppler，并把它的 bin 文件夹加入 PATH",
        "en": "checking the PDF's fonts needs pdffonts from poppler. Debian/Ubuntu: sudo apt-get install "
        "poppler-utils; Windows: install poppler and add its bin folder to PATH",
    },
    "pdf.failed": {
        "zh": "LibreOffice 没能把文档转换为 PDF（{detail}）",
        "en": "LibreOffice could not convert the document to PDF ({detail})",
    },
    "pdf.exit-code": {"zh": "退出码 {code}：{output}", "en": "exit status {code}: {output}"},
    "pdf.not-pdfa": {
        "zh": "LibreOffice 生成的 PDF 没有声明 PDF/A-2b（声明的是：{found}）：请升级到 LibreOffice 7.4 或更高版本",
        "en": "the PDF LibreOffice made does not declare PDF/A-2b (it declares: {found}): upgrade to LibreOffice 7.4 or later",
    },
    "soffice.not-loaded": {"zh": "LibreOffice 打不开这个文档", "en": "LibreOffice could not load this document"},
    "soffice.crashed": {"zh": "LibreOffice 在转换这个文档时意外退出", "en": "LibreOffice quit while converting this document"},
    "soffice.timeout": {
        "zh": "LibreOffice 转换这个文档超时，已将其停止",
        "en": "LibreOffice took too long over this document and was stopped",
    },
    "pdf.fonts-timeout": {
        "zh": "pdffonts 在 {seconds} 秒内没有读完 PDF",
        "en": "pdffonts did not read the PDF within {seconds} s",
    },
    "pdf.fonts-failed": {
        "zh": "pdffonts 无法读取生成的 PDF（{detail}）",
        "en": "pdffonts could not read the PDF ({detail})",
    },
    "pdf.wrong-font": {
        "zh": "PDF 中的中文没有用上应有的字体，未写出 PDF：{expected}。PDF 实际用了：{used}。"
        "请安装缺少的字体（Debian/Ubuntu：sudo apt-get install {packages}）后重试",
        "en": "the Chinese text of the PDF is not in the fonts it should be, so no PDF was written: {expected}. "
        "The PDF uses: {used}. Install the missing fonts (Debian/Ubuntu: sudo apt-get install {packages}) "
        "and try again",
    },
    "pdf.font-expected": {
        "zh": "用“{name}”的文字应排成 {free}（软件包 {package}）",
        "en": "text in “{name}” should be set in {free} (package {package})",
    },
    "pdf.list-sep": {"zh": "；", "en": "; "},
    # ------------------------------------------------------------ lint: one-line rule descriptions
    "rule.hand-figure": {
        "zh": "正文里手写了数据项的数值（应写 ${{键名}}）",
        "en": "a figure’s value typed by hand in the text (write ${{key}})",
    },
    "lint.hand-figure": {
        "zh": "“{text}”与数据项“{name}”的数值相同：请写作 ${{{name}}}，数据变了正文也随之更新",
        "en": "“{text}” is the value of the figure “{name}”: write ${{{name}}} so that the text follows the figure",
    },
    "rule.placeholder": {
        "zh": "未填写的占位符（XX、X次、××、此处填写、待补充）",
        "en": "unfilled placeholders (XX, X次, ××, 此处填写, 待补充)",
    },
    "rule.hand-numbering": {
        "zh": "标题或要点开头手写了编号（一、 （一） 1. 一是），模板会重复编号",
        "en": "a title or point starts with a hand-typed number the template would repeat",
    },
    "rule.halfwidth-punct": {
        "zh": "中文里用了半角标点（, ; : ( ) ? ! .）",
        "en": "half-width punctuation in Chinese text (, ; : ( ) ? ! .)",
    },
    "rule.brackets": {
        "zh": "引号或括号不配对（“” ‘’ （） 《》 【】 「」）",
        "en": "mismatched quotation marks or brackets",
    },
    "rule.no-end-punct": {
        "zh": "段落或要点末尾没有标点",
        "en": "a paragraph or point does not end in punctuation",
    },
    "rule.empty-part": {
        "zh": "某一部分没有实质内容（只有空白或“无”“略”之类）",
        "en": "a part of the report has nothing substantive in it",
    },
    "rule.missing-intro": {"zh": "缺少开头段落 intro", "en": "the report has no intro"},
    "rule.unused-figure": {
        "zh": "定义了数据项却没有在文中用 ${{键名}} 引用",
        "en": "a figure that no text refers to with ${{key}}",
    },
    "rule.missing-previous": {
        "zh": "其他数据项有上期数值 previous，这一项却没有",
        "en": "a figure lacks previous while other figures have one",
    },
    "rule.long-title": {
        "zh": "报告标题超过两行（约 36 字）",
        "en": "the report title is longer than two lines (about 36 characters)",
    },
    # ------------------------------------------------------------ lint: findings
    "lint.placeholder": {
        "zh": "占位符“{text}”还没有填写：请换成实际内容",
        "en": "the placeholder “{text}” is not filled in: write the real content",
    },
    "lint.example-text": {
        "zh": "这还是 reportgen new 写入的示例文字：请换成本单位的实际情况",
        "en": "this is still the example text `reportgen new` wrote: replace it with your own",
    },
    "lint.hand-numbering": {
        "zh": "开头手写了编号“{label}”：模板会自动编号，请删除它，否则编号会重复",
        "en": "starts with the hand-typed number “{label}”: the template numbers it, so delete it",
    },
    "lint.halfwidth-punct": {
        "zh": "中文里用了半角标点“{mark}”：请改为全角“{full}”",
        "en": "half-width “{mark}” in Chinese text: use the full-width “{full}”",
    },
    "lint.brackets": {
        "zh": "{mark} 没有与之配对的 {partner}：请检查引号和括号是否成对",
        "en": "{mark} has no matching {partner}: check that quotes and brackets come in pairs",
    },
    "lint.no-end-punct": {
        "zh": "这一段（或这条要点）末尾没有标点：请补上句号、分号或冒号",
        "en": "this paragraph or point does not end in punctuation: add 。, ； or ：",
    },
    "lint.empty-part": {
        "zh": "这一部分没有实质内容：请写出具体情况",
        "en": "this part has nothing substantive in it: write what actually happened",
    },
    "lint.missing-intro": {
        "zh": "缺少开头段落：请用 intro 写出指导思想、总体成效和“现将有关情况报告如下：”一类的引语",
        "en": "no opening paragraph: add an intro with the overall result and a sentence leading into the parts",
    },
    "lint.unused-figure": {
        "zh": "数据项“{name}”没有在任何正文中引用：请在文中写 ${{{name}}}，或删除这一项",
        "en": "the figure “{name}” is never referred to: write ${{{name}}} in a text, or remove it",
    },
    "lint.missing-previous": {
        "zh": "数据项“{name}”没有上期数值 previous，而其他数据项有：请补上，表格中才不会出现“—”",
        "en": "the figure “{name}” has no previous value while others do: add one, or the table shows “—”",
    },
    "lint.long-title": {
        "zh": "报告标题约 {width} 字，超过两行（{limit} 字）：请用 title 写一个更简短的标题",
        "en": "the report title is about {width} characters, more than two lines ({limit}): write a shorter title",
    },
    "cli.lint-no-files": {
        "zh": "请给出要检查的数据文件（或用 --list-rules 列出检查规则）",
        "en": "give the data files to check (or --list-rules to list the rules)",
    },
    # ------------------------------------------------------------ CLI
    "cli.rendered": {"zh": "已生成 {path}", "en": "wrote {path}"},
    "cli.warnings-note": {"zh": "（{count} 条提醒，见 reportgen lint）", "en": " ({count} warning(s): see reportgen lint)"},
    "cli.valid": {"zh": "{file}：格式正确", "en": "{file}: valid"},
    "cli.lint-clean": {"zh": "{file}：未发现问题", "en": "{file}: no problems found"},
    "cli.lint-clean-many": {"zh": "{count} 个文件都未发现问题", "en": "no problems found in the {count} files"},
    "cli.summary": {
        "zh": "完成：生成 {ok} 个，失败 {failed} 个，用时 {seconds:.1f} 秒",
        "en": "done: {ok} rendered, {failed} failed, {seconds:.1f} s",
    },
    "cli.bug": {
        "zh": "内部错误（这是 reportgen 的缺陷，请报告）：{error}",
        "en": "internal error (a bug in reportgen, please report it): {error}",
    },
    "cli.version": {"zh": "{prog} 版本 {version}", "en": "{prog}, version {version}"},
    "cli.no-such-command": {"zh": "没有“{name}”这个命令。{hint}", "en": "no such command “{name}”.{hint}"},
    "cli.did-you-mean-command": {"zh": "是否要使用 {name}？", "en": " Did you mean {name}?"},
    "cli.bad-format": {
        "zh": "“{value}”不是可用的格式：可写 {formats} 之一，或用逗号写几种（如 docx,pdf）",
        "en": "“{value}” is not a format: write one of {formats}, or several with commas (docx,pdf)",
    },
    "cli.pdf-a-without-pdf": {
        "zh": "--pdf-a 用于 PDF：请同时写 --format pdf（或 --format docx,pdf）",
        "en": "--pdf-a is for PDF output: add --format pdf (or --format docx,pdf)",
    },
    "cli.missing-parameter": {"zh": "缺少{name}", "en": "missing {name}"},
    # ------------------------------------------------------------ rollup (the 党委's roll-up)
    "rollup.no-files": {
        "zh": "没有找到支部数据文件（给出的文件夹中没有 .yaml 文件）",
        "en": "no branch data files found (the folders given hold no .yaml file)",
    },
    "rollup.nothing-given": {
        "zh": "请给出各支部的数据文件（或放数据文件的文件夹），或用 --roster 给出写明文件的名单",
        "en": "give the branches' data files (or their folder), or a roster naming the files with --roster",
    },
    "rollup.other-period": {
        "zh": "报告期是{found}，而其他支部是{period}：此文件未纳入汇总",
        "en": "reports {found} while the other branches report {period}: left out of the roll-up",
    },
    "rollup.duplicate": {
        "zh": "“{name}”已由 {first} 报送：同一单位只能有一个文件，此文件未纳入汇总",
        "en": "“{name}” already reported in {first}: one file an organisation, this one is left out",
    },
    "rollup.roster-bad": {"zh": "名单文件有误：{problem}", "en": "the roster has a problem: {problem}"},
    "rollup.roster-organization": {
        "zh": "名单要写 organization：上级党组织的名称，如“示例公司党委”",
        "en": "the roster needs organization: the name of the level above",
    },
    "rollup.roster-branches": {
        "zh": "名单要写 branches：各支部名称的列表",
        "en": "the roster needs branches: a list of the branches' names",
    },
    "rollup.roster-twice": {"zh": "支部“{name}”在名单中出现了两次", "en": "“{name}” is on the roster twice"},
    "rollup.roster-unknown": {
        "zh": "名单中不认识的键“{name}”：只能写 organization 和 branches",
        "en": "unknown key “{name}” in the roster: only organization and branches",
    },
    "rollup.roster-entry": {
        "zh": "名单的每一项写支部名称，或写作 {{name: 支部名称, file: 数据文件.yaml}}",
        "en": "each roster entry is a branch name, or {{name: NAME, file: DATA.yaml}}",
    },
    "rollup.lint": {
        "zh": "此文件通不过 lint --strict：共 {count} 处，首处是 {first}",
        "en": "lint --strict would refuse this file: {count} findings, the first: {first}",
    },
    "rollup.no-figures": {"zh": "此支部没有填写任何数据项（figures）", "en": "this branch gives no figures"},
    "rollup.missing-figure": {
        "zh": "缺少数据项“{label}”（{key}）：{total} 个支部中有 {count} 个填写了它",
        "en": "the figure “{label}” ({key}) is missing: {count} of {total} branches give it",
    },
    "rollup.unit-mismatch": {
        "zh": "数据项 {key} 的单位是“{unit}”，多数支部用“{common}”：此项不计合计",
        "en": "the unit of {key} is “{unit}” where most branches have “{common}”: it gets no total",
    },
    "rollup.label-mismatch": {
        "zh": "数据项 {key} 的名称是“{label}”，多数支部写作“{common}”",
        "en": "{key} is labelled “{label}” where most branches write “{common}”",
    },
    "rollup.not-submitted": {"zh": "“{name}”未报送", "en": "“{name}” has not reported"},
    "rollup.off-roster": {
        "zh": "“{name}”不在名单 {roster} 中（名单外）",
        "en": "“{name}” is not on the roster {roster}",
    },
    "rollup.nothing": {
        "zh": "没有可汇总的支部：所有文件都未通过校验，未生成任何文件",
        "en": "no branch to roll up: every file has errors, nothing was written",
    },
    "rollup.written": {"zh": "已生成 {path}", "en": "wrote {path}"},
    "rollup.counts": {
        "zh": "{taken} 个支部纳入汇总，{left} 个文件未纳入；{errors} 个错误，{warnings} 个警告",
        "en": "{taken} branches rolled up, {left} files left out; {errors} errors, {warnings} warnings",
    },
    "rollup.sheet.summary": {"zh": "汇总", "en": "汇总"},
    "rollup.sheet.compare": {"zh": "对比", "en": "对比"},
    "rollup.sheet.checks": {"zh": "检查", "en": "检查"},
    "rollup.col.index": {"zh": "序号", "en": "No."},
    "rollup.col.branch": {"zh": "支部", "en": "Branch"},
    "rollup.col.note": {"zh": "备注", "en": "Note"},
    "rollup.col.figure": {"zh": "项目", "en": "Figure"},
    "rollup.col.unit": {"zh": "单位", "en": "Unit"},
    "rollup.col.current": {"zh": "本期", "en": "This period"},
    "rollup.col.previous": {"zh": "上期", "en": "Previous"},
    "rollup.col.delta": {"zh": "增减", "en": "Change"},
    "rollup.col.change": {"zh": "增减说明", "en": "In words"},
    "rollup.col.level": {"zh": "级别", "en": "Level"},
    "rollup.col.kind": {"zh": "类别", "en": "Kind"},
    "rollup.col.file": {"zh": "文件", "en": "File"},
    "rollup.col.line": {"zh": "行", "en": "Line"},
    "rollup.col.field": {"zh": "字段", "en": "Field"},
    "rollup.col.message": {"zh": "问题", "en": "Message"},
    "rollup.total": {"zh": "合计", "en": "合计"},
    "rollup.status.not-submitted": {"zh": "未报送", "en": "未报送 (not reported)"},
    "rollup.status.off-roster": {"zh": "名单外", "en": "名单外 (not on the roster)"},
    "rollup.status.invalid": {"zh": "未通过校验", "en": "未通过校验 (invalid)"},
    "rollup.status.other-period": {"zh": "报告期不符", "en": "报告期不符 (another period)"},
    "rollup.status.duplicate": {"zh": "重复报送", "en": "重复报送 (duplicate)"},
    "rollup.level.error": {"zh": "错误", "en": "error"},
    "rollup.level.warning": {"zh": "警告", "en": "warning"},
    "rollup.name.summary": {"zh": "{organization}{period}党支部工作汇总", "en": "{organization}{period}党支部工作汇总"},
    "rollup.name.compilation": {"zh": "{organization}{period}党支部工作汇编", "en": "{organization}{period}党支部工作汇编"},
    "rollup.doc.contents": {"zh": "目　　录", "en": "目　　录"},
    "rollup.doc.table": {"zh": "{organization}{period}党支部工作汇总表", "en": "{organization}{period}党支部工作汇总表"},
    "rollup.doc.table-entry": {"zh": "汇总表", "en": "汇总表"},
    "rollup.doc.table-more": {"zh": "{caption}（续表）", "en": "{caption}（续表）"},
    "rollup.bad-title": {
        "zh": "--title 中含有文档无法保存的控制字符：请删除它",
        "en": "--title contains a control character a document cannot hold: remove it",
    },
    "cli.bad-rollup-format": {
        "zh": "不支持的格式“{value}”：可选 {formats}，多个用逗号分隔",
        "en": "unknown format “{value}”: choose from {formats}, several separated by commas",
    },
    "help.rollup": {
        "zh": "党委汇总：把各支部的数据文件汇总成汇总表（.xlsx）和汇编（.docx/.pdf），并列出检查结果。",
        "en": "Roll up the branches' data files for the Party committee above: a summary workbook (.xlsx), the bound reports (.docx/.pdf) and located checks.",
    },
    "help.rollup.roster": {
        "zh": "支部名单（YAML）：列出应报送的支部，用于查出未报送和名单外",
        "en": "the roster (YAML) of the branches expected: finds those that have not reported or are not on it",
    },
    "help.rollup.output": {"zh": "输出目录（默认：当前目录）", "en": "output folder (default: the current one)"},
    "help.rollup.format": {"zh": "输出格式：xlsx、docx、pdf，多个用逗号分隔", "en": "output formats: xlsx, docx, pdf, comma-separated"},
    "help.rollup.title": {
        "zh": "汇总单位名称，用于标题和文件名（默认取名单的 organization）",
        "en": "the name of the level above, for titles and file names (default: the roster's organization)",
    },
    "help.rollup.template": {
        "zh": "汇编中支部报告的模板（支部文件的 template 键优先），默认 standard",
        "en": "template of the branches' reports in the bound .docx (a file's template key wins); default standard",
    },
    "help.rollup.force": {
        "zh": "覆盖已在 Word 里改过的汇编",
        "en": "replace a compilation someone has edited in Word since",
    },
    "help.rollup.strict": {"zh": "未报送的支部算作错误（退出码 1）", "en": "a branch that has not reported is an error (exit 1)"},
    "mv.roster": {"zh": "名单", "en": "ROSTER"},
    "mv.folder": {"zh": "目录", "en": "DIR"},
    "mv.text": {"zh": "文字", "en": "TEXT"},
    "mv.branches": {"zh": "支部文件...", "en": "BRANCH.yaml..."},
    # ------------------------------------------------------------ --help: commands, options, metavars
    "help.cli": {
        "zh": "reportgen：从 YAML 数据文件生成党建工作总结（.docx、Markdown、PDF）。",
        "en": "reportgen: turn YAML report data into party-work reports (.docx, Markdown, PDF).",
    },
    "help.options-metavar": {"zh": "[选项]", "en": "[OPTIONS]"},
    "help.subcommand-metavar": {"zh": "命令 [参数]...", "en": "COMMAND [ARGS]..."},
    "help.version": {"zh": "显示版本并退出。", "en": "Show the version and exit."},
    "help.lang": {
        "zh": "提示语言：zh（中文，默认）或 en（英文）；也可设环境变量 REPORTGEN_LANG",
        "en": "message language: zh (Chinese, the default) or en; or set REPORTGEN_LANG",
    },
    "help.template": {
        "zh": "内置模板名或 .docx 模板路径（默认用数据文件的 template 键，否则 standard）",
        "en": "built-in template name or .docx path (default: the data file's template key, else standard)",
    },
    "help.render": {"zh": "校验并生成报告。", "en": "Validate and render each data file."},
    "help.render.output": {
        "zh": "输出文件；多个输入时为输出文件夹（默认写在数据文件旁边）",
        "en": "output file, or the output folder for several inputs (default: beside each data file)",
    },
    "help.render.format": {
        "zh": "输出格式：docx、md、pdf、html，或用逗号写几种（如 docx,pdf：只生成一次）",
        "en": "output format: docx, md, pdf, html, or several with commas (docx,pdf: rendered once)",
    },
    "help.render.force": {
        "zh": "覆盖不由 reportgen 生成的同名 Word 文档（如导入时的原稿），或扩展名不同的已有文件（如 -o 笔记.txt）",
        "en": "overwrite a Word document of the same name that reportgen did not write (such as an imported original), "
        "or an existing file with another extension (such as -o notes.txt)",
    },
    "help.render.pdf-a": {"zh": "PDF 写成 PDF/A-2b（档案馆要求的长期保存格式）", "en": "write the PDF as PDF/A-2b, for archives"},
    "help.render.strict": {
        "zh": "先做内容检查（lint），有警告就不生成",
        "en": "run the content checks (lint) first; any finding stops the file",
    },
    "help.render.jobs": {
        "zh": "并行进程数（默认按文件数和 CPU 核数选择，文件少时单进程）",
        "en": "worker processes (default: chosen from the number of files and cores; one for a few files)",
    },
    "help.validate": {"zh": "只校验数据文件，逐条列出错误的位置。", "en": "Check data files against the schema."},
    "help.lint": {
        "zh": "校验并检查内容：占位符、手写编号、标点、空部分等。",
        "en": "Validate, then check the content: placeholders, numbering, punctuation, empty parts.",
    },
    "help.lint.strict": {"zh": "警告也算失败（退出码 1）", "en": "warnings fail too (exit 1)"},
    "help.lint.list-rules": {"zh": "列出检查规则", "en": "list the rules"},
    "help.templates": {"zh": "列出内置模板。", "en": "List the built-in templates."},
    "help.check-template": {"zh": "检查自定义 .docx 模板。", "en": "Check a custom .docx template."},
    "help.schema": {"zh": "输出数据格式（Cerberus 模式）。", "en": "Print the data schema (Cerberus)."},
    "help.schema.json-schema": {"zh": "改为输出 JSON Schema（供编辑器补全）", "en": "print a JSON Schema instead (for editors)"},
    "help.new": {
        "zh": "写出带注释的数据文件骨架，或从上一期的文件开始下一期。",
        "en": "Write a commented skeleton data file, or start the next period from the last one.",
    },
    "help.new.org": {"zh": "报告单位", "en": "the organisation"},
    "help.new.period": {"zh": "报告期：2024、2024H1、2024Q3 等", "en": "the period: 2024, 2024H1, 2024Q3…"},
    "help.new.from": {"zh": "上一期的数据文件", "en": "the previous period's data file"},
    "help.new.force": {"zh": "覆盖已有文件", "en": "overwrite an existing file"},
    "help.preview": {
        "zh": "在浏览器中边改边看：保存数据文件后页面自动刷新，有错误时指出位置。",
        "en": "See the report page by page in a browser, redrawn on every save, with errors located.",
    },
    "help.preview.port": {"zh": "本机端口（默认由系统挑选）", "en": "local port (default: one the system picks)"},
    "help.preview.no-browser": {"zh": "不自动打开浏览器", "en": "do not open a browser"},
    "help.import": {
        "zh": "把已有的报告（.docx、.txt、.md；.doc、.wps、.odt、.rtf 经 LibreOffice）导入为数据文件。",
        "en": "Read existing reports (.docx, .txt, .md; .doc, .wps, .odt, .rtf through LibreOffice) into data files.",
    },
    "help.import.output": {
        "zh": "输出的 .yaml 文件；多个输入时为输出文件夹（默认写在报告旁边）",
        "en": "output .yaml file, or the output folder for several inputs (default: beside each report)",
    },
    "help.import.org": {"zh": "报告单位（覆盖从标题读出的）", "en": "the organisation (overrides the one in the title)"},
    "help.import.period": {
        "zh": "报告期：2024、2024H1、2024Q3 等（覆盖从标题读出的）",
        "en": "the period: 2024, 2024H1, 2024Q3… (overrides the one in the title)",
    },
    "help.import.strict": {"zh": "有警告也算失败，不写文件", "en": "warnings fail too; nothing is written"},
    "help.import.force": {
        "zh": "覆盖已有的数据文件（或 -o 指定的扩展名不同的已有文件）",
        "en": "overwrite an existing data file (or an existing file of another extension named by -o)",
    },
    "help.diff": {
        "zh": "比较两个版本，生成带修订（Track Changes）的 Word 文档。旧版本、新版本可以是数据文件，"
        "也可以是 git 中的“版本:路径”（如 HEAD~1:report.yaml）。",
        "en": "Compare two versions and write a Word file with tracked changes. OLD and NEW are data "
        "files or git revisions written REV:path (such as HEAD~1:report.yaml).",
    },
    "help.diff.output": {
        "zh": "输出文件或文件夹（默认：新版本旁边的“<文件名>-修订.docx”）",
        "en": "output file or folder (default: <NEW stem>-修订.docx beside NEW)",
    },
    "help.diff.author": {
        "zh": "修订者（默认：新版本最后一次提交的作者，否则 reportgen）",
        "en": "revision author (default: the git author of NEW's last commit, else reportgen)",
    },
    "help.diff.date": {
        "zh": "修订时间，如 2024-07-05T09:30:00Z（默认：现在，或 SOURCE_DATE_EPOCH）",
        "en": "revision date, such as 2024-07-05T09:30:00Z (default: now, or SOURCE_DATE_EPOCH)",
    },
    "help.diff.format": {
        "zh": "docx：带修订的 Word 文档；md：在终端显示改动摘要",
        "en": "docx: a Word file with tracked changes; md: a summary of the changes on the terminal",
    },
    "mv.files": {"zh": "数据文件...", "en": "FILES..."},
    "mv.files-optional": {"zh": "[数据文件]...", "en": "[FILES]..."},
    "mv.file": {"zh": "文件", "en": "FILE"},
    "mv.template": {"zh": "模板", "en": "TEMPLATE"},
    "mv.template-file": {"zh": "模板文件", "en": "TEMPLATE"},
    "mv.output": {"zh": "输出", "en": "OUT"},
    "mv.out-yaml": {"zh": "新文件", "en": "OUT.yaml"},
    "mv.n": {"zh": "N", "en": "N"},
    "mv.formats": {"zh": "格式", "en": "FORMAT"},
    "mv.name": {"zh": "名称", "en": "NAME"},
    "mv.period": {"zh": "报告期", "en": "PERIOD"},
    "mv.port": {"zh": "端口", "en": "PORT"},
    "mv.old": {"zh": "旧版本", "en": "OLD"},
    "mv.reports": {"zh": "报告文件...", "en": "FILES..."},
    "mv.new": {"zh": "新版本", "en": "NEW"},
    "mv.date": {"zh": "时间", "en": "DATE"},
    # ------------------------------------------------------------ new (skeleton data files)
    "new.bad-period": {
        "zh": "报告期“{value}”写法不对，可写：2024（年度）、2024H1 或 2024H2（半年）、2024Q1 至 2024Q4（季度），年份在 2000–2100 之间",
        "en": "period “{value}”: write 2024 (year), 2024H1/2024H2 (half) or 2024Q1…2024Q4 (quarter), years 2000–2100",
    },
    "new.need-org-period": {
        "zh": "请用 --org 和 --period 给出报告单位和报告期，或用 --from 指定上一期的数据文件",
        "en": "give --org and --period, or --from with the previous period's data file",
    },
    "new.exists": {
        "zh": "“{path}”已经存在，没有改动它；确实要覆盖请加 --force",
        "en": "“{path}” already exists and was left alone; add --force to overwrite it",
    },
    "new.bad-org": {
        "zh": "--org “{value}”不能用作报告单位：{problem}",
        "en": "--org “{value}” cannot be the organisation: {problem}",
    },
    "new.prev-invalid": {
        "zh": "上一期的数据文件“{path}”有错误（见上），请先改正再用 --from",
        "en": "the previous data file “{path}” has errors (above); fix them before using --from",
    },
    "new.written": {
        "zh": "已生成 {path}：请把示例内容换成本单位的实际情况",
        "en": "wrote {path}: replace the examples with your own content",
    },
    "new.written-from": {
        "zh": "已生成 {path}：请填写标有“待补充”的内容（reportgen lint 会逐处指出）",
        "en": "wrote {path}: fill in the texts marked 待补充 (reportgen lint points at each)",
    },
    "new.fill-figures": {
        "zh": "还有 {count} 个数据项要填写本期数值 value（reportgen validate 会逐项提示）",
        "en": "{count} figure(s) still need this period's value (reportgen validate lists them)",
    },
    # ------------------------------------------------------------ JSON Schema (editor hover texts)
    "jsonschema.comment": {
        "zh": "由 schemas/report.yaml（数据格式第 {version} 版）经 reportgen schema --json-schema 生成，请勿手工修改",
        "en": "generated from schemas/report.yaml (data format {version}) by `reportgen schema --json-schema`; do not edit",
    },
    "jsonschema.root": {"zh": "党建工作总结数据文件（reportgen）", "en": "reportgen report data file"},
    "jsonschema.def.block": {
        "zh": "内容块：标题、正文、要点、下一级条目、结束段",
        "en": "block: title, text, points, items, closing",
    },
    "jsonschema.def.figure": {"zh": "数据项：名称、本期数值、单位、上期数值", "en": "figure: label, value, unit, previous"},
    "jsonschema.def.signature": {"zh": "落款：单位和成文日期", "en": "sign-off: organisation and date"},
    # ------------------------------------------------------------ preview and HTML
    "html.custom-template": {
        "zh": "自定义模板“{name}”没有网页版式：这里用内置样式显示它的段落（standard 版式的编号和顺序），"
        "字体和页面以 Word 打开的 .docx 为准。",
        "en": "the custom template “{name}” has no HTML look of its own: its paragraphs (numbered and "
        "ordered as in standard) are shown in the built-in look; the .docx in Word is what prints.",
    },
    "preview.url": {
        "zh": "预览地址：{url}\n（只有本机能打开；保存数据文件后页面自动刷新；按 Ctrl-C 停止）",
        "en": "preview at {url}\n(this computer only; the page redraws when the data file is saved; Ctrl-C stops)",
    },
    "preview.stopped": {"zh": "预览已停止", "en": "preview stopped"},
    "preview.updated": {"zh": "{time} 已刷新", "en": "{time} redrawn"},
    "preview.updated-with-errors": {
        "zh": "{time} 文件有错误，页面保留上一次的版本",
        "en": "{time} the file has errors; the page keeps the last good version",
    },
    "preview.port-busy": {
        "zh": "无法在 127.0.0.1:{port} 上启动预览：{reason}。换一个端口（--port），或不写 --port 由系统挑选",
        "en": "cannot serve the preview on 127.0.0.1:{port}: {reason}. Choose another --port, or leave it out",
    },
    "preview.errors": {
        "zh": "数据文件有 {n} 处错误：改正并保存后，页面自动刷新",
        "en": "the data file has {n} error(s): fix and save it, and the page redraws",
    },
    "preview.kept": {
        "zh": "下面是最后一次没有错误时的样子。",
        "en": "Below: the report as it was when the file last had no errors.",
    },
    "preview.nothing-yet": {
        "zh": "还没有可以显示的版本：请先改正上面的错误。",
        "en": "Nothing to show yet: fix the errors above first.",
    },
    "preview.warnings": {
        "zh": "{n} 条检查提示（页边的 ! 标出所在段落，鼠标停在上面可看说明）",
        "en": "{n} lint warning(s) (a ! in the margin marks each paragraph; hover for the message)",
    },
    "preview.template": {"zh": "版式", "en": "Layout"},
    "preview.custom-option": {
        "zh": "{name}（自定义模板，按 standard 版式显示）",
        "en": "{name} (custom template, shown as standard)",
    },
    "preview.print": {"zh": "打印 / 存为 PDF", "en": "Print / save as PDF"},
    "preview.live": {"zh": "保存文件后自动刷新", "en": "redraws when the file is saved"},
    "preview.redrawn": {"zh": "已刷新", "en": "redrawn"},
    "preview.reconnecting": {
        "zh": "与 reportgen 的连接断开了，正在重连…（预览是否已停止？）",
        "en": "lost the connection to reportgen, reconnecting… (did the preview stop?)",
    },
    "preview.pages": {"zh": "共 {n} 页", "en": "{n} page(s)"},
    # ---- diff (tracked changes between two versions)
    "diff.option-revision": {
        "zh": "“{spec}”：版本不能以“-”开头（git 会把它当作选项）",
        "en": "“{spec}”: a revision cannot start with “-” (git would read it as an option)",
    },
    "diff.no-git": {
        "zh": "找不到程序 git：读取“修订版本:路径”形式的参数需要安装 git（https://git-scm.com）",
        "en": "git is not installed: reading a REV:path argument needs git (https://git-scm.com)",
    },
    "diff.not-repo": {
        "zh": "“{spec}”要从 git 仓库中读取，但当前文件夹不在 git 仓库里：请在报告仓库中运行，或给出文件路径",
        "en": "“{spec}” is read from git, but the current folder is not in a git repository: run it in the repository or give a file",
    },
    "diff.no-revision": {
        "zh": "git 仓库中没有版本“{rev}”（{spec}）：用 git log --oneline 或 git tag 查看有哪些版本",
        "en": "there is no revision “{rev}” in this git repository ({spec}): see git log --oneline or git tag",
    },
    "diff.no-path": {
        "zh": "版本“{rev}”中没有文件“{path}”（路径从仓库根目录算起，当前目录下的文件请写成 {rev}:./文件名）{hint}",
        "en": "revision “{rev}” has no file “{path}” (paths start at the top of the repository; write {rev}:./name for the current folder){hint}",
    },
    "diff.no-path-did-you-mean": {"zh": "：是不是 {spec}？", "en": ": did you mean {spec}?"},
    "diff.no-path-not-committed": {
        "zh": "：这个文件在工作区里有，但还没有提交到这个版本",
        "en": ": the file is in the working folder but was not committed in that revision",
    },
    "diff.git-failed": {"zh": "无法运行 git {spec}：{reason}", "en": "could not run git {spec}: {reason}"},
    "diff.bad-date": {
        "zh": "--date “{value}”不是日期或时间，可写 2024-07-05、2024年7月5日 或 2024-07-05T09:30:00+08:00",
        "en": "--date “{value}” is not a date or time: write 2024-07-05 or 2024-07-05T09:30:00+08:00",
    },
    "diff.bad-author": {
        "zh": "--author 不能为空，也不能含有控制字符",
        "en": "--author must not be empty or contain control characters",
    },
    "diff.invalid": {
        "zh": "数据有错误（见上），没有生成修订文档",
        "en": "the data has errors (above); no tracked-changes document was written",
    },
    "diff.title": {"zh": "修订：{old} → {new}", "en": "Changes: {old} → {new}"},
    "diff.identical": {
        "zh": "两个版本生成的报告完全相同，没有修订",
        "en": "both versions render the same report: no changes",
    },
    "diff.counts": {
        "zh": "{paragraphs} 段有修订：删除 {deleted} 字，新增 {inserted} 字",
        "en": "{paragraphs} paragraph(s) changed: {deleted} character(s) deleted, {inserted} inserted",
    },
    "diff.written": {"zh": "已生成 {path}（{counts}）", "en": "wrote {path} ({counts})"},
    # ------------------------------------------------------------ import (existing reports → data)
    "import.where-para": {"zh": "段{n}", "en": "para {n}"},
    "import.where-line": {"zh": "{n}", "en": "{n}"},
    "import.part.summary": {"zh": "工作总结（summary）", "en": "the summary"},
    "import.part.problems": {"zh": "存在问题（problems）", "en": "the problems"},
    "import.part.causes": {"zh": "原因分析（causes）", "en": "the causes"},
    "import.part.plans": {"zh": "下步打算（plans）", "en": "the plans"},
    "import.unsupported": {
        "zh": "{path}：不能导入这种文件，支持的格式有 {suffixes}",
        "en": "{path}: cannot import this kind of file; the formats are {suffixes}",
    },
    "import.not-docx": {
        "zh": "{path}：不是有效的 Word 文档（.docx），可能已损坏：{reason}。请用 Word 或 WPS 打开后另存为 .docx 再试",
        "en": "{path}: not a valid Word document (.docx), perhaps damaged: {reason}; open it in Word or WPS and save it as .docx again",
    },
    "import.bad-xml": {
        "zh": "{path}：文档内容（{part}）不是有效的 XML，文件已损坏：{reason}",
        "en": "{path}: the document's {part} is not valid XML, the file is damaged: {reason}",
    },
    "import.encrypted": {
        "zh": "{path}：文档设置了打开密码，或其实是旧版的 .doc 文件：请在 Word 或 WPS 中取消密码后另存为 .docx 再导入"
        "（旧版文件也可以把扩展名改回 .doc，由 LibreOffice 转换）",
        "en": "{path}: the document is password-protected, or is an old .doc under another name: remove the password "
        "in Word or WPS and save it as .docx (an old file can also be renamed back to .doc, for LibreOffice to convert)",
    },
    "import.too-big-part": {
        "zh": "{path}：文档中的 {part} 解压后超过 {limit} 字节，不像是一份报告（可能是压缩炸弹），未导入",
        "en": "{path}: {part} inflates to more than {limit} bytes, too large for a report (a zip bomb?); not imported",
    },
    "import.too-big": {
        "zh": "{path}：文件太大（{size} 字节），可导入的文本文件最多 {limit} 字节",
        "en": "{path}: the file is too large ({size} bytes); a text file to import has at most {limit} bytes",
    },
    "import.too-many": {
        "zh": "{path}：段落超过 {limit} 个，不像是一份报告，未导入",
        "en": "{path}: more than {limit} paragraphs, not a report; not imported",
    },
    "import.encoding": {"zh": "{path}:{line}:{column}: {problem}", "en": "{path}:{line}:{column}: {problem}"},
    "import.unreadable": {"zh": "{path}：无法读取：{reason}", "en": "{path}: cannot read it: {reason}"},
    "import.empty": {"zh": "{path}：文档中没有文字，无法导入", "en": "{path}: the document has no text to import"},
    "import.exists": {
        "zh": "{path} 已存在：要覆盖请加 --force，或用 -o 指定其他文件",
        "en": "{path} exists: add --force to overwrite it, or choose another file with -o",
    },
    "import.need-org": {
        "zh": "{path}：从标题中看不出报告单位：请用 --org 指定，如 --org 示例公司第一党支部",
        "en": "{path}: the title does not name the organisation: give it with --org, e.g. --org 示例公司第一党支部",
    },
    "import.need-period": {
        "zh": "{path}：从标题中看不出报告期：请用 --period 指定，如 --period 2024H1（2024、2024H1、2024Q3）",
        "en": "{path}: the title does not name the period: give it with --period, e.g. --period 2024H1 (2024, 2024H1, 2024Q3)",
    },
    "import.hint-soffice": {
        "zh": "导入 .doc、.wps、.odt、.rtf 文件需要 LibreOffice。Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui；"
        "Windows：安装 LibreOffice，并把它的 program 文件夹（如 C:\\Program Files\\LibreOffice\\program）加入 PATH；"
        "也可以先在 Word 或 WPS 中把文件另存为 .docx 再导入",
        "en": "importing .doc, .wps, .odt and .rtf files needs LibreOffice. Debian/Ubuntu: sudo apt-get install "
        "libreoffice-writer-nogui; Windows: install LibreOffice and add its program folder "
        "(e.g. C:\\Program Files\\LibreOffice\\program) to PATH; or save the file as .docx in Word or WPS first",
    },
    "import.convert-timeout": {
        "zh": "LibreOffice 转换超过 {seconds} 秒仍未完成，已停止",
        "en": "LibreOffice did not finish the conversion within {seconds} s and was stopped",
    },
    "import.convert-failed": {
        "zh": "{path}：LibreOffice 转换为 .docx 失败：{detail}",
        "en": "{path}: LibreOffice could not convert it to .docx: {detail}",
    },
    "import.convert-unreadable": {
        "zh": "{path}：LibreOffice 打不开这个文件（已损坏，或设置了密码）",
        "en": "{path}: LibreOffice cannot open this file (damaged, or password-protected)",
    },
    "import.invalid-output": {
        "zh": "{path}：导入得到的数据没有通过校验（这是 reportgen 的问题，请报告）：{problem}",
        "en": "{path}: the imported data does not validate (a reportgen bug, please report it): {problem}",
    },
    "import.missing-part": {
        "zh": "报告中没有找到{part}部分，已写入占位符“XX”，请补写",
        "en": "the report has no part for {part}; wrote the placeholder “XX” to fill in",
    },
    "import.empty-item": {
        "zh": "这个标题下没有正文，已写入占位符“XX”",
        "en": "nothing under this heading; wrote the placeholder “XX”",
    },
    "import.long-title": {
        "zh": "标题超过 60 字，已作为正文导入",
        "en": "the heading is longer than 60 characters; imported as text",
    },
    "import.too-deep": {
        "zh": "编号层级超过三级，这一段连同编号作为正文导入",
        "en": "numbered more than three levels deep; this paragraph is imported as text, label included",
    },
    "import.part-twice": {
        "zh": "{part}出现了两次，后一个标题下的内容也归入这一部分",
        "en": "{part} appears twice; what follows the second heading joins the part",
    },
    "import.table-as-text": {
        "zh": "这个表格不是“本期/上期”数据表，已按行作为正文段落导入（每行一段，单元格之间空一格）",
        "en": "this table is not a table of this and the previous period's figures; imported as text, a paragraph a row with a space between the cells",
    },
    "import.date-alone": {
        "zh": "末尾的日期前没有落款单位，日期作为结尾段落导入",
        "en": "the date at the end has no organisation line before it; imported as a closing paragraph",
    },
    "import.no-title": {
        "zh": "文档开头没有标题，将使用自动生成的标题“{title}”",
        "en": "the document has no title; the composed one will be used: “{title}”",
    },
    "import.org-from-signature": {
        "zh": "标题中没有报告单位，已用落款单位“{org}”（可用 --org 指定）",
        "en": "the title names no organisation; used the signature's, “{org}” (or give --org)",
    },
    "import.org-from-text": {
        "zh": "标题中没有报告单位，已用正文中的“{org}”（可用 --org 指定）",
        "en": "the title names no organisation; used “{org}” from the text (or give --org)",
    },
    "import.org-unknown": {
        "zh": "标题、正文开头和落款中都看不出报告单位，已写入占位符“{placeholder}”：请在数据文件中改正，或用 --org 指定",
        "en": "neither the title, the opening nor the signature names the organisation; wrote the placeholder “{placeholder}”: correct it in the data file, or give --org",
    },
    "import.period-from-text": {
        "zh": "标题中没有报告期，已按正文开头定为“{period}”（可用 --period 指定）",
        "en": "the title names no period; took “{period}” from the opening (or give --period)",
    },
    "import.period-from-date": {
        "zh": "标题和正文开头都没有报告期，已按落款日期定为“{period}”（可用 --period 指定）",
        "en": "neither the title nor the opening names the period; took “{period}” from the signature's date (or give --period)",
    },
    "import.unwrapped": {
        "zh": "这份文本每行约 {width} 字就换行（像是从 PDF 复制的）：没有以句末标点结束的整行已与下一行连成一段，共 {count} 处",
        "en": "the text is cut every {width} characters or so (as copied from a PDF): {count} full lines that end no sentence were joined to the next",
    },
    "import.split-line": {
        "zh": "整篇报告在一行里（像是从网页复制的）：已在句末之后的编号处分成 {count} 段",
        "en": "the whole report is on one line (as pasted from a web page): split into {count} paragraphs at the labels after sentence ends",
    },
    "import.outline": {
        "zh": "从这里起的 {count} 段是正文前的标题目录（后文按顺序重复了这些标题），未作为正文导入",
        "en": "the {count} paragraphs from here are an outline of the headings that follow (the report repeats them in order); not imported as text",
    },
    "import.label-unread": {
        "zh": "这一段开头像是编号，但读不出序号（只认到 {limit}）：连同编号作为上一块的正文导入",
        "en": "this paragraph starts like a numbering label whose number cannot be read (up to {limit} are): imported with it as text of the block before",
    },
    "import.toc": {
        "zh": "这里是 Word 生成的目录（重复了后文的标题），未作为正文导入",
        "en": "a table of contents made by Word (the headings again) is here; not imported as text",
    },
    "import.tracked": {
        "zh": "文档中有未处理的修订（插入、删除），已按全部接受后的文字导入：请核对",
        "en": "the document has tracked changes (insertions, deletions) not yet accepted; imported as if all were accepted: please check",
    },
    "import.text-box": {
        "zh": "这一段有文本框（“{text}”），文本框里的文字不是正文，未导入",
        "en": "this paragraph has a text box (“{text}”); a text box is not body text and was not imported",
    },
    "import.done": {
        "zh": "已导入 {source} → {path}：模板 {template}，条目 {items} 个，要点 {points} 个，数据 {figures} 项，警告 {warnings} 条",
        "en": "imported {source} → {path}: template {template}, {items} items, {points} points, {figures} figures, {warnings} warnings",
    },
    "import.render-would-overwrite": {
        "zh": "注意：数据文件和原文档同名，在这里 reportgen render 会写到 {path}（它会拒绝覆盖原稿）；请用 -o 另指输出文件，或把数据文件放到别的文件夹（reportgen import … -o data/）",
        "en": "note: the data file has the document's name, so `reportgen render` here would write {path} (and refuses to overwrite the original); use -o, or import into another folder (reportgen import … -o data/)",
    },
    "import.strict-failed": {
        "zh": "{source}：有 {warnings} 条警告，--strict 下未写出文件",
        "en": "{source}: {warnings} warnings; nothing written under --strict",
    },
    "import.summary": {
        "zh": "导入完成：成功 {ok} 个，失败 {failed} 个",
        "en": "imported {ok}, failed {failed}",
    },
    # ------------------------------------------------------------ update --from (review.md)
    "help.update": {
        "zh": "把审阅者在 Word/WPS 中的修订和批注写回数据文件：只改动被修改的字段，"
        "其余每个字节（注释、顺序、引号、空行）保持不变。",
        "en": "Take a reviewer's edits (tracked or direct) and comments in a rendered Word file back "
        "into the data file, changing only the edited values and keeping every other byte.",
    },
    "help.update.from": {
        "zh": "审阅后的文档（.docx；.doc/.wps/.odt 经 LibreOffice 转换）",
        "en": "the reviewed document (.docx; .doc/.wps/.odt through LibreOffice)",
    },
    "help.update.base": {
        "zh": "没有修订标记时，审阅者拿到的是数据文件在这个 git 版本的生成结果（如 HEAD~1）",
        "en": "for a document without tracked changes: the git revision the reviewer was given (such as HEAD~1)",
    },
    "help.update.output": {
        "zh": "写到另一个文件，而不是改写数据文件本身",
        "en": "write this file instead of changing the data file in place",
    },
    "help.update.dry-run": {
        "zh": "只显示数据文件的改动（unified diff），不写文件",
        "en": "print the data file's unified diff and write nothing",
    },
    "help.update.comments": {
        "zh": "批注：print 显示在终端；yaml 同时写成字段上方的 YAML 注释",
        "en": "comments: print them; yaml: also write them as YAML comments above their fields",
    },
    "mv.docx": {"zh": "审阅稿", "en": "REVIEWED.docx"},
    "mv.rev": {"zh": "版本", "en": "REV"},
    "review.conflict": {
        "zh": "冲突（{place}）：审阅者改为“{theirs}”，而数据已改为“{ours}”；请先合并这一段，什么也没有写入",
        "en": "conflict ({place}): the reviewer wrote “{theirs}” while the data now reads “{ours}”; "
        "settle this paragraph first; nothing was written",
    },
    "review.template": {
        "zh": "模板文字，未回写：“{text}”（模板生成的文字要改模板，或在数据中写 title）",
        "en": "template text, not taken: “{text}” (the template prints it; change the template or set a title)",
    },
    "review.unmapped": {
        "zh": "这一段由自定义模板按自己的方式生成，无法对应到数据中的字段，未回写：“{text}”；"
        "可以用内置版式生成审阅稿，或直接改数据文件",
        "en": "this paragraph is printed by the custom template in its own way and maps to no field, "
        "not taken: “{text}”; send a render in a built-in layout for review, or edit the data",
    },
    "review.template-deleted": {
        "zh": "删除的段落含模板文字，未回写：“{text}”",
        "en": "a deleted paragraph holds template text, not taken: “{text}”",
    },
    "review.title-deleted": {
        "zh": "标题被删除但内容还在，未回写：请在数据中删除 title 或整个条目",
        "en": "a heading was deleted but its content stays, not taken: delete the title or the whole item in the data",
    },
    "review.block-emptied": {
        "zh": "一个条目的全部内容被删除而标题还在，未回写：请在数据中删除整个条目或补上内容",
        "en": "all the content of an item was deleted but its heading stays, not taken: delete the whole item or write new content",
    },
    "review.not-number": {
        "zh": "数据表中的“{text}”不是数字，未回写",
        "en": "“{text}” in the figures table is not a number, not taken",
    },
    "review.not-date": {
        "zh": "落款日期“{text}”不是日期（如 2024年7月5日），未回写",
        "en": "the signature date “{text}” is not a date (such as 2024年7月5日), not taken",
    },
    "review.figure-text": {
        "zh": "数字 ${{{ref}}} 被改成了文字“{text}”：已用这段文字替换引用",
        "en": "the figure ${{{ref}}} was typed over with “{text}”: the text replaces the reference",
    },
    "review.untracked": {
        "zh": "这一段没有修订标记，但和现在的数据生成的不同：可能是关掉修订后改的，也可能是送审后数据又改过，未回写：“{text}”",
        "en": "this paragraph has no tracked change but differs from what the data renders now: typed with "
        "track changes off, or the data changed since; not taken: “{text}”",
    },
    "review.table-row": {
        "zh": "数据表中新增的行未回写：“{text}”；新的数字请在 figures 中添加",
        "en": "a row added to the figures table is not taken: “{text}”; add the figure under figures",
    },
    "review.not-placed": {
        "zh": "新增的段落找不到对应的字段，未回写：“{text}”",
        "en": "an inserted paragraph has no field to go to, not taken: “{text}”",
    },
    "review.unsupported": {
        "zh": "这个字段写成了单行的 [ ] 或 {{ }} 形式，无法就地修改，未回写；请改成多行写法后再运行",
        "en": "this field is written in flow style ([ ] or {{ }}) and cannot be changed in place, not taken",
    },
    "review.not-rendered-as": {
        "zh": "回写后的数据生成不出这一段：“{text}”，请检查",
        "en": "the updated data does not render this paragraph: “{text}”; check it",
    },
    "review.not-rendered": {
        "zh": "{path} 不是由 {data} 生成的文档（{total} 段中只有 {equal} 段对得上）；"
        "要从已有的 Word 文档建立数据文件，请用 reportgen import",
        "en": "{path} was not rendered from {data} (only {equal} of {total} paragraphs match); "
        "to make a data file from an existing document, use reportgen import",
    },
    "review.too-big": {
        "zh": "{path}：文档太大（{size} 个字），不是由数据文件生成的报告（最多 {limit} 个字）",
        "en": "{path}: the document is too large ({size} characters) to be a rendered report (at most {limit})",
    },
    "review.unsupported-input": {
        "zh": "{path}：只能读取 .docx（以及经 LibreOffice 转换的 .doc、.wps、.odt、.rtf）",
        "en": "{path}: only .docx (and .doc, .wps, .odt, .rtf through LibreOffice) can be read",
    },
    "review.base-invalid": {
        "zh": "{spec} 有错误，无法作为审阅前的版本",
        "en": "{spec} has errors and cannot serve as the version the reviewer was given",
    },
    "review.bad-result": {
        "zh": "回写后的数据文件无法通过校验（{problem}），什么也没有写入；这是 reportgen 的问题，请报告",
        "en": "the updated data file does not validate ({problem}); nothing was written; please report this",
    },
    "review.comment": {"zh": "{author}（{date}）：{text}", "en": "{author} ({date}): {text}"},
    "review.reply": {"zh": "　回复 {author}（{date}）：{text}", "en": "  reply {author} ({date}): {text}"},
    "review.comment-yaml": {"zh": "批注（{author}，{date}）：{text}", "en": "comment ({author}, {date}): {text}"},
    "review.reply-yaml": {"zh": "　回复（{author}，{date}）：{text}", "en": "  reply ({author}, {date}): {text}"},
    "review.summary": {
        "zh": "已回写 {edits} 处修改（{fields} 个字段），{comments} 条批注，{conflicts} 处冲突，{warnings} 处未回写",
        "en": "took {edits} edits ({fields} fields), {comments} comments, {conflicts} conflicts, {warnings} not taken",
    },
    "review.written": {"zh": "已写入 {path}", "en": "wrote {path}"},
    "review.conflicts": {
        "zh": "有冲突，数据文件没有改动",
        "en": "there are conflicts; the data file was not changed",
    },
}


# Click's own texts (usage errors, help headings), keyed by its English text as gettext keys them;
# clickui.install() makes Click look them up. English is the key itself. Only texts a user of
# reportgen can meet are here; the rest stay in English.
CLICK: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Show this message and exit.": "显示此帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    "Aborted!": "已中止！",
    "unknown error": "未知错误",
    "Missing command.": "缺少命令。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
    "No such command {name!r}.": "没有“{name}”这个命令。",
    "No such option {name!r}.": "没有“{name}”这个选项。",
    "No such option: {name}": "没有“{name}”这个选项。",
    "Did you mean {possibility}?": "是否要使用 {possibility}？",
    "(Possible options: {possibilities})": "（可能是：{possibilities}）",
    "(Did you mean one of: {possibilities}?)": "（是否要使用其中之一：{possibilities}？）",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Invalid value for {param_hint}: {message}": "{param_hint}的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "Option {name!r} does not take a value.": "选项“{name}”不带值。",
    "Option {name!r} requires an argument.": "选项“{name}”后面要写一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项“{name}”后面要写 {nargs} 个值。",
    "Argument {name!r} takes {nargs} values.": "参数“{name}”要写 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "要写 {nargs} 个值，但只写了 1 个。",
    "Takes {nargs} values but {len} were given.": "要写 {nargs} 个值，但写了 {len} 个。",
    "{value!r} is not {choice}.": "“{value}”不是可选的值 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”不是可选的值；可选：{choices}。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    # the only number options (-j, --port) are integers, whose type Click names in English here
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的整数。",
    "{value} is not in the range {range}.": "{value} 超出范围（{range}）。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} '{filename}' does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是文件，不是文件夹。",
    "{name} '{filename}' is a file.": "{name}“{filename}”是文件，不是文件夹。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是文件夹，不是文件。",
    "{name} '{filename}' is a directory.": "{name}“{filename}”是文件夹，不是文件。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”无法读取。",
    "{name} '{filename}' is not readable.": "{name}“{filename}”无法读取。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”无法写入。",
    "{name} '{filename}' is not writable.": "{name}“{filename}”无法写入。",
}


def current_lang() -> str:
    lang = os.environ.get("REPORTGEN_LANG", "zh").lower()
    return "en" if lang.startswith("en") else "zh"


def msg(key: str, /, lang: str | None = None, **kw: object) -> str:
    return MESSAGES[key][lang or current_lang()].format(**kw)
