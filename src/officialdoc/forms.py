"""公文 text forms: the fixed labels and patterns of GB/T 9704, each written once.

The loader validates with them, the model spells the document's text with them and layout
sets them; the checker may read them too.
"""

from __future__ import annotations

import re

SIGNER_LABEL = "签发人："  # §7.2.5 上行文
ATTACHMENT_LABEL = "附件："  # §7.3.4 附件说明
ADDRESSEES_LABEL = "主送："  # §7.4.2 版记 (a 主送 moved there)
CC_LABEL = "抄送："  # §7.4.2 版记
# §7.2.4 发文字号: 机关代字, 年份 in 六角括号〔〕, 序号 without a leading 0 or 第
DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕[1-9]\d*号$")
