"""Money and big numbers as documents write them: a case table in the style
of a price parser, one ``(text, value, unit)`` per case, grouped by where the
case comes from.

Every sentence is written for this table (invented places and figures). A
case expects the text to hold exactly one quantity, with that value (any
magnitude applied) and that canonical Simplified unit; a value of None means
the text holds no quantity at all. Traditional sentences are converted by
`extract_quantities` itself.
"""
from __future__ import annotations

import pytest

from reportkit.quantities import extract_quantities, read_number
from reportkit.script import to_simplified

Case = tuple[str, float | None, str | None]

COMPOUND_MONEY: list[Case] = [
    # several magnitudes in one amount, each smaller than the one before
    ("全年累计拨付补助资金60亿9,306万3千元", 6_093_063_000, "元"),
    ("到位资金8亿1,409万余元", 814_090_000, "元"),
    ("水厂总投资3亿2.5万元", 300_025_000, "元"),
    ("撥付專項經費12億4,045萬元", 1_240_450_000, "元"),
    # a zero numeral marks a gap between two parts
    ("年度预算5亿零800万元", 508_000_000, "元"),
    ("发放补贴5万零300元", 50_300, "元"),
    # one magnitude, with separators and a decimal part
    ("财政总收入达到3,642.8亿元", 364_280_000_000, "元"),
    ("共安置移民1.9552万人", 19_552, "人"),
    ("投资2个亿建设冷链中心", 200_000_000, "元"),
]

MAGNITUDE_ZHAO: list[Case] = [
    # 兆 is 10^12 before a unit or a smaller magnitude (as Taiwan writes money)
    ("中央對地方轉移支付1兆948.18億元", 1_094_818_000_000, "元"),
    ("全年營收突破2兆元", 2_000_000_000_000, "元"),
    ("總預算約1兆2,000億元", 1_200_000_000_000, "元"),
    ("兩兆元的減稅方案", 2_000_000_000_000, "元"),
    # ... and "mega" elsewhere: a unit of its own, or no quantity at all
    ("新建光伏电站装机50兆瓦", 50, "兆瓦"),
    ("城区实现100兆宽带全覆盖", None, None),
    ("管道设计压力1.6兆帕", None, None),
    ("扩容至1-2兆", None, None),
]

PEOPLE_WITHOUT_A_UNIT: list[Case] = [
    # a magnitude and no measure word before a noun for people counts people
    ("年内帮助800万以上农村贫困人口稳定脱贫", 8_000_000, "人"),
    ("新建水厂解决3.26万农村人口饮水难题", 32_600, "人"),
    ("解決4.8萬農村人口飲水問題", 48_000, "人"),
    ("惠及全县12万群众", 120_000, "人"),
    ("为2.3万城乡居民办理医保", 23_000, "人"),
    ("帮扶1.5万贫困劳动力就业", 15_000, "人"),
    ("组织1万余群众参加义诊", 10_000, "人"),
    # a measure word keeps its own unit
    ("整治21个贫困村人居环境", 21, "个"),
    ("培训农民工3.5万人次", 35_000, "人次"),
    # other nouns get no unit: 1000万以上项目 are projects of over ten million
    ("引进1000万以上项目", 10_000_000, None),
    ("投入300万农村公路养护资金", 3_000_000, None),
    # a date is no quantity, of people or else
    ("到2016年12月底，群众满意度明显提升", None, None),
    ("截至2016年12月底", None, None),
    ("每万人口拥有执业医师28人", 28, "人"),
]

SEPARATORS: list[Case] = [
    ("上缴税收1,234,567元", 1_234_567, "元"),
    ("完成投资12,290万元", 122_900_000, "元"),
    ("核定资产3,166,399千元", 3_166_399_000, "元"),
    ("拨付１,２３４元", 1_234, "元"),
    # a bare number in running text is a date or a code, separators or not
    ("合同编号4,517,000", None, None),
]

GROUPS = {
    "compound money": COMPOUND_MONEY,
    "magnitude 兆": MAGNITUDE_ZHAO,
    "people without a unit": PEOPLE_WITHOUT_A_UNIT,
    "separators": SEPARATORS,
}
CASES = [pytest.param(*case, id=f"{name}: {case[0]}") for name, cases in GROUPS.items() for case in cases]


@pytest.mark.parametrize(("text", "value", "unit"), CASES)
def test_reads_the_amount(text: str, value: float | None, unit: str | None) -> None:
    found = extract_quantities(text)
    if value is None:
        assert found == []
        return
    assert len(found) == 1, found
    q = found[0]
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.text == to_simplified(text)[q.start:q.end]


@pytest.mark.parametrize(("text", "qualifier", "word"), [
    ("到位资金8亿1,409万余元", ">", "余"),
    ("年内帮助800万以上农村贫困人口稳定脱贫", ">=", "以上"),
    ("组织1万余群众参加义诊", ">", "余"),
    ("總預算約1兆2,000億元", "~", "约"),
])
def test_comparison_words_stay_with_the_amount(text: str, qualifier: str, word: str) -> None:
    (q,) = extract_quantities(text)
    assert (q.qualifier, q.qualifier_word) == (qualifier, word)


def test_the_people_unit_does_not_swallow_the_qualifier() -> None:
    (q,) = extract_quantities("年内帮助800万以上农村贫困人口稳定脱贫", simplified=True)
    assert q.text == "800万"
    assert q.magnitude == 10_000


def test_a_compound_amount_is_one_quantity() -> None:
    (q,) = extract_quantities("支付1兆948.18亿元", simplified=True)
    assert (q.text, q.start, q.end, q.magnitude) == ("1兆948.18亿元", 2, 12, 1e12)


@pytest.mark.parametrize(("cell", "unit", "value", "canonical"), [
    ("4,517,000", None, 4_517_000, None),
    ("3,166,399", "千元", 3_166_399_000, "元"),
    ("1.2", "兆元", 1_200_000_000_000, "元"),
])
def test_a_table_cell_with_separators_is_read_in_its_unit(cell: str, unit: str | None, value: float,
                                                          canonical: str | None) -> None:
    q = read_number(cell, unit=unit)
    assert q is not None
    assert (q.value, q.unit) == (pytest.approx(value), canonical)
