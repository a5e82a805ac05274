"""extract_quantities: a table of cases (price-parser style) and properties."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportkit.quantities import extract_quantities, parse_chinese_number


@dataclass(frozen=True)
class Q:
    text: str
    expected: tuple  # ((value, unit, qualifier), ...) in order; () for "no quantity"


def cases(*items):
    return list(items)


# From the seed tables (000, 001) and narratives (002-004).
SEED_CASES = cases(
    Q("動態培育放心消費單位3300家以上", ((3300, "家", ">="),)),
    Q("已申報放心消費單位3493家", ((3493, "家", None),)),
    Q("培育市場經營主體1.2萬家以上", ((12000, "家", ">="),)),
    Q("質押登記專利144件,金額14.362億元", ((144, "件", None), (1436200000, "元", None))),
    Q("支付480萬左右快檢服務費", ((4800000, None, "~"),)),
    Q("全年快速檢測40萬批次", ((400000, "批次", None),)),
    Q("目前已完成37.8萬批次快檢", ((378000, "批次", None),)),
    Q("力爭實現商標、專利質押融資2個億以上", ((200000000, "元", ">="),)),
    Q("全省累計查處價格違法案件780余件", ((780, "件", ">"),)),
    Q("電子營業執照下載達80%", ((80, "%", ">="),)),
    Q("上虞區外賣商家“陽光廚房”覆蓋率達90%", ((90, "%", ">="),)),
    Q("網絡交易經營者數量占市場經營主體比重達15%以上", ((15, "%", ">="),)),
    Q("2023年底電梯物聯智控接入數達2000臺", ((2000, "台", None),)),
    Q("規上企業每百億元銷售收入有效發明專利數突破170個", ((170, "个", ">"),)),
    Q("每萬人高價值專利數超過15.8個", ((15.8, "个", ">"),)),
    Q("爭取省政府以上質量獎1個", ((1, "个", None),)),
    Q("三星級及以上文明規範農貿市場覆蓋率達到50%以上", ((50, "%", ">="),)),
    Q("基本藥品抽檢合格率低於99.5%", ((99.5, "%", "<"),)),
    Q("品牌企業銷售占比提升3%", ((3, "%", None),)),
    Q("已完成1326臺。", ((1326, "台", None),)),
    Q("完成森林四化面積6387.3萬畝", ((63873000, "亩", None),)),
    Q("年度營造林計劃任務51000畝", ((51000, "亩", None),)),
    Q("全年共完成營造林面積53321.9畝,任務完成率達104.6%", ((53321.9, "亩", None), (104.6, "%", ">="))),
    Q("2021年計劃完成3條改造,實際完成了4條客運班線改造", ((3, "条", None), (4, "条", None))),
    Q("2021年全鄉招商引資總任務9000萬元,半年完成1600萬元", ((90000000, "元", None), (16000000, "元", None))),
    Q("園區新開工新建項目133個", ((133, "个", None),)),
    Q("計劃新增“浙江制造”團體標準5項以上", ((5, "项", ">="),)),
    Q("發明專利每萬人擁有量達60件以上", ((60, "件", ">="),)),
    Q("年內擬新創建放心示範單位1200家以上", ((1200, "家", ">="),)),
    Q("力爭培育10個以上“綠色直播間”", ((10, "个", ">="),)),
    Q("對118支示值誤差大於2‰的加油槍", ((118, "支", None), (2, "‰", ">"))),
    Q("共抽檢68批次,已發現不合格29批次", ((68, "批次", None), (29, "批次", None))),
    Q("已檢驗壓力容器3322臺套、1290.8公里", ((3322, "台套", None), (1290.8, "公里", None))),
    Q("新設個體工商戶11134戶", ((11134, "户", None),)),
    Q("全市市場主體總量15.82萬戶", ((158200, "户", None),)),
    Q("共出動人員30482人次", ((30482, "人次", None),)),
    Q("檢查供電、供氣等1.4萬余家", ((14000, "家", ">"),)),
    Q("省市縣三級共完成食品抽樣任務30余萬批次", ((300000, "批次", ">"),)),
    Q("辦理時間壓縮至2個工作日", ((2, "个工作日", None),)),
    Q("自評分為滿分30分", ((30, "分", None),)),
    Q("錄用工單一條", ((1, "条", None),)),
)

# What is not a quantity: ranks, dates, document numbers, titles, rate denominators, idioms.
NOT_QUANTITIES = cases(
    Q("全市排名第12名", ()),
    Q("三季度全省綜合排名", ()),
    Q("新創四星級農貿市場", ()),
    Q("二、提升工作格局", ()),
    Q("截至10月26日", ()),
    Q("根據年初文件5月、10月各安排驗收", ()),
    Q("2023年底完成", ()),
    Q("(臨政辦發〔2021〕9號)", ()),
    Q("易心堂杭州灣工業園區上百店", ()),
    Q("對標《山區26縣和農村地區陽光食品作坊建設標準》", ()),
    Q("對標《三項規範》逐條落實", ()),  # 三項 is a count word: only the title brackets exclude it
    Q("打通服務群眾「最後一公里」", ()),
    Q("規上企業每百億元銷售收入", ()),
    Q("每萬人高價值專利數", ()),
    Q("每百萬人牽頭制修訂先進標準", ()),
    Q("推進“十四五”規劃", ()),
    Q("形成一批標志性成果", ()),
    Q("一次性化解率", ()),
    Q("5G+工業互聯網平臺", ()),
    Q("比計劃提前三個月建成", ((3, "个月", None),)),  # a duration, kept apart from counts
    Q("國儲林二期土地流轉", ()),
    Q("滾動實施小微企業三年成長計劃", ()),  # a plan name, not a duration
    Q("推進政務服務2.0平臺接入", ()),
    Q("GM2D示範區", ()),
    Q("一是全力推進", ()),
    Q("認真落實中央八項規定精神", ()),
)

FEATURE_CASES = cases(
    Q("十五個", ((15, "个", None),)),
    Q("兩萬三千家", ((23000, "家", None),)),
    Q("百分之九十五", ((95, "%", None),)),
    Q("百分之百", ((100, "%", None),)),
    Q("一千二百萬元", ((12000000, "元", None),)),
    Q("3-5家", ((3, "家", ">="),)),  # a range reads as at least its lower end
    Q("不少於3家", ((3, "家", ">="),)),
    Q("不超過5%", ((5, "%", "<="),)),
    Q("約20萬人", ((200000, "人", "~"),)),
    Q("1,234家", ((1234, "家", None),)),
    Q("下降2個百分點", ((2, "百分点", None),)),
    Q("10000元以下", ((10000, "元", "<="),)),
    Q("控制在8%以內", ((8, "%", "<="),)),
)

# Rates and comparisons found in the layouts of real progress tables (tasks written as sentences).
REAL_TABLE_CASES = cases(
    Q("提高到每人每月609元", ((609, "元/人月", None),)),        # the rate written before the number
    Q("提高到609元/人月、农村300元/人月", ((609, "元/人月", None), (300, "元/人月", None))),   # a glued period
    Q("标准为16032元/人年", ((16032, "元/人年", None),)),
    Q("补贴12元/人月份", ((12, "元/人", None),)),               # 月份 is a word of its own, no period
    Q("不低于当地低保标准的1.6倍", ((1.6, "倍", ">="),)),       # the comparison reaches over 的
    Q("完成了目标的80%", ((80, "%", None),)),                   # no comparison word: no qualifier
    Q("每亩500公斤", ((500, "千克/亩", None),)),
)

ALL = SEED_CASES + NOT_QUANTITIES + FEATURE_CASES + REAL_TABLE_CASES


@pytest.mark.parametrize("case", ALL, ids=lambda c: c.text[:14])
def test_extraction_case(case):
    got = tuple((q.value, q.unit, q.qualifier) for q in extract_quantities(case.text))
    assert got == case.expected


def test_ranges_keep_both_ends():
    (q,) = extract_quantities("3-5家")
    assert (q.value, q.value_max) == (3, 5)


def test_positions_index_the_simplified_text():
    text = "已建成養老機構10家"
    (q,) = extract_quantities(text)
    assert text[q.start:q.end] in ("10家",)


# ---------------------------------------------------------------- properties

CN_DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Write 0 <= n < 10**12 in Chinese numerals (the test's own writer)."""
    if n == 0:
        return "零"

    def below_10000(x: int, pad: bool) -> str:
        out, zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d, x = divmod(x, size)
            if d:
                if zero or (pad and not out and size < 1000):
                    out += "零"
                out += CN_DIGITS[d] + unit
                zero, pad = False, False
            elif out:
                zero = True
        return out

    parts = []
    for unit, size in (("亿", 10 ** 8), ("万", 10 ** 4), ("", 1)):
        chunk, n = divmod(n, size)
        if chunk:
            parts.append(below_10000(chunk, bool(parts)) + unit)
        elif parts and n:
            parts.append("")
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


UNITS = ["家", "个", "项", "件", "批次", "台", "亩", "公顷", "人次", "户", "条", "次", "元", "%"]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=99_999_999), st.sampled_from(UNITS))
def test_chinese_numerals_extract_their_value(n, unit):
    qs = extract_quantities("完成" + to_chinese(n) + unit + "。")
    assert [(q.value, q.unit) for q in qs] == [(n, unit)]


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=10 ** 7, places=2, allow_nan=False), st.sampled_from(UNITS))
def test_arabic_numbers_extract_their_value(d, unit):
    text = f"{d.normalize():f}"
    qs = extract_quantities(f"累计完成{text}{unit},")
    assert len(qs) == 1 and qs[0].unit == unit
    assert qs[0].value == pytest.approx(float(d))


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=0, max_value=9999, places=3, allow_nan=False),
       st.sampled_from([("万", 10 ** 4), ("亿", 10 ** 8), ("千万", 10 ** 7)]),
       st.sampled_from(["家", "元", "亩", "人次", ""]))
def test_magnitudes_multiply(d, magnitude, unit):
    word, factor = magnitude
    qs = extract_quantities(f"实现{d.normalize():f}{word}{unit}。")
    assert len(qs) == 1
    assert qs[0].value == pytest.approx(float(d) * factor)
    assert qs[0].unit == (unit or None)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10 ** 11))
def test_parse_chinese_number_inverts_the_writer(n):
    assert parse_chinese_number(to_chinese(n)) == n


CN_SMALL = st.integers(min_value=1, max_value=99).map(lambda n: to_chinese(n))
DATES_AND_RANKS = st.one_of(
    st.builds(lambda y, m, d: f"{y}年{m}月{d}日", st.integers(1990, 2040), st.integers(1, 12), st.integers(1, 28)),
    st.builds(lambda y, m: f"{y}年{m}月底", st.integers(1990, 2040), st.integers(1, 12)),
    st.builds(lambda n: f"第{n}名", st.integers(1, 999) | CN_SMALL),
    st.builds(lambda n: f"{n}季度", st.sampled_from("一二三四")),
    st.builds(lambda n: f"{n}星级", st.sampled_from("一二三四五")),
    st.builds(lambda y, n: f"〔{y}〕{n}号", st.integers(1990, 2040), st.integers(1, 300)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(DATES_AND_RANKS, min_size=1, max_size=4), st.sampled_from(["", "完成", "于", "列"]))
def test_dates_ranks_and_numbering_never_become_quantities(parts, glue):
    text = glue.join(parts) + "。"
    assert extract_quantities(text) == []
