"""Traditional characters read as simplified, for matching only (issue 22: 社區, 黨建).

Reports from Hong Kong, Macao and Taiwan, or typed in a traditional input method, spell the
words the importer looks for — 問題, 計劃, 總結, 黨支部, 委員會 — in the other script. `fold()`
maps the characters of those words to their simplified form one for one, so positions in the
folded text are positions in the original and the text itself is kept as written.
"""

from __future__ import annotations

# Only the characters of the words matched: parts, titles, organisations, periods, sign-offs.
_PAIRS = (
    "問问 題题 計计 劃划 總总 結结 報报 匯汇 彙汇 黨党 組组 區区 會会 員员 們们 機机 關关 開开 況况 顧顾"
    " 點点 階阶 來来 後后 書书 記记 門门 處处 廠厂 鄉乡 鎮镇 縣县 單单 務务 項项 專专 傳传 據据 數数 設设"
)
_TABLE = str.maketrans({pair[0]: pair[1] for pair in _PAIRS.split()})


def fold(text: str) -> str:
    """`text` with the traditional characters of the matched words in simplified form."""
    return text.translate(_TABLE)
