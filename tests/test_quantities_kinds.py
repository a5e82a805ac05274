"""extract_quantities, case by case, grouped by the kind of quantity.

Every case is a sentence written for this table (invented places, projects
and numbers). An expected quantity is ``(value, unit, qualifier)``, or
``(value, unit, qualifier, value_max)`` for a range; ``()`` means the text
holds no quantity at all.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportkit.quantities import extract_quantities


@dataclass(frozen=True)
class Case:
    text: str
    expected: tuple


def group(doc: str, *cases: Case) -> list[Case]:
    """A list of cases; `doc` says what they have in common."""
    return list(cases)


QUOTED_NAMES = group(
    """Numbers inside quotation marks and title brackets name a thing; the
    number before the quote still counts, and a quote that cites a whole
    figure (a promise such as “缩短25%”) is a quotation of a quantity.""",
    Case("开展五个“一件事一次办”集成改革", ((5, "个", None),)),
    Case("打通农村寄递“最后一公里”", ()),
    Case("办事群众实现“零次跑动”", ()),
    Case("对标《十条标准》逐项整改", ()),
    Case("全部达到「七个一」建设标准", ()),
    Case("开展“三服务”活动12场", ((12, "场", None),)),
    Case("推进“15分钟生活圈”建设", ()),
    Case("向群众承诺的“缩短30%”已兑现", ((30, "%", None),)),
    Case("群众称之为“10件实事”的清单完成9件", ((9, "件", None),)),
    Case("打造“千村示范、万户整治”样板", ()),
    Case("提出“两年内新建学校3所”的目标", ((3, "所", None),)),
    Case('表中写明"新建3所学校，改造5所"', ((3, "所", None), (5, "所", None))),
)

FRACTIONS = group(
    """Fractions are percents; 分之 is never a score, 一半 is fifty percent.""",
    Case("惠及全镇三分之一的农户", ((100 / 3, "%", None),)),
    Case("四分之三的村已通自来水", ((75, "%", None),)),
    Case("参保率达到百分之四十", ((40, "%", ">="),)),
    Case("不合格率控制在千分之三以内", ((3, "‰", "<="),)),
    Case("超过一半的企业完成改造", ((50, "%", ">"),)),
    Case("半数以上乡镇建成驿站", ((50, "%", ">="),)),
    Case("二分之一以上的资金用于民生", ((50, "%", ">="),)),
    Case("达标率为百分之百", ((100, "%", None),)),
    Case("事故率下降万分之五", ((0.05, "%", None),)),
)

NEGATIVES = group(
    """A minus sign standing before a number belongs to it; a dash between
    two numbers is a range.""",
    Case("一季度增速为-3.5%", ((-3.5, "%", None),)),
    Case("出口额下降-2.1%", ((-2.1, "%", None),)),
    Case("企业亏损-120万元", ((-1200000, "元", None),)),
    Case("利润率−0.8%", ((-0.8, "%", None),)),
    Case("同比增长2-3%", ((2, "%", ">=", 3),)),
)

MULTIPLES = group(
    """Multiples are read in 倍, doublings (翻番) as powers of two.""",
    Case("产值达到去年的3倍", ((3, "倍", None),)),
    Case("客流量是改造前的两倍", ((2, "倍", None),)),
    Case("农民收入翻一番", ((2, "倍", None),)),
    Case("经济总量比十年前翻两番", ((4, "倍", None),)),
    Case("出口额增长1倍", ((1, "倍", None),)),
    Case("力争五年内实现翻番", ((5, "年", None), (2, "倍", None))),
    Case("降幅是目标的1.5倍以上", ((1.5, "倍", ">="),)),
)

CURRENCIES = group(
    """Foreign currencies keep their own unit; Traditional compound amounts
    add up their parts.""",
    Case("实际利用外资2000万美元", ((20000000, "美元", None),)),
    Case("签约港资项目总额8.5亿港元", ((850000000, "港元", None),)),
    Case("对欧出口3200万欧元", ((32000000, "欧元", None),)),
    Case("台资企业投资1.2億新臺幣", ((120000000, "新台币", None),)),
    Case("台资企业投资3億新台币", ((300000000, "新台币", None),)),
    Case("全年預算12億4,045萬元", ((1240450000, "元", None),)),
    Case("核定補助2億2,035萬3千元", ((220353000, "元", None),)),
    Case("完成投资1亿5000万元", ((150000000, "元", None),)),
    Case("拨付资金3万5千元", ((35000, "元", None),)),
)

DURATIONS = group(
    """Durations and time counts; years, months and days of the calendar
    are not quantities.""",
    Case("比计划提前2年完成", ((2, "年", None),)),
    Case("使用时间超过15年的老旧电梯", ((15, "年", ">"),)),
    Case("办理时限压缩至25.9日", ((25.9, "日", None),)),
    Case("工期缩短了三个月", ((3, "个月", None),)),
    Case("平均等候2至3小时", ((2, "小时", ">=", 3),)),
    Case("急救到达时间由46分钟缩短至22分钟", ((46, "分钟", None), (22, "分钟", None))),
    Case("2022—2025年共改造管网", ()),
    Case("截至2024年9月底", ()),
    Case("于11月8日完成验收", ()),
    Case("二〇二四年完成", ()),
)

RANGES = group(
    """A range keeps both ends: value is the lower end, value_max the upper,
    and the range reads as ">=" unless a word says otherwise.""",
    Case("投资规模1亿-1.5亿元", ((100000000, "元", ">=", 150000000),)),
    Case("带动就业3万至5万人", ((30000, "人", ">=", 50000),)),
    Case("地区生产总值增长7%—7.5%", ((7, "%", ">=", 7.5),)),
    Case("居民收入增长5%-5.5%", ((5, "%", ">=", 5.5),)),
    Case("工业增加值增长7.5%-8%", ((7.5, "%", ">=", 8),)),
    Case("失业率控制在3.6%到3.9%", ((3.6, "%", ">=", 3.9),)),
    Case("税收增长6%—6.5%左右", ((6, "%", "~", 6.5),)),
    Case("新建3-5家", ((3, "家", ">=", 5),)),
    Case("每村补助3-5万元", ((30000, "元", ">=", 50000),)),
    Case("完成45%—5个", ((45, "%", None), (5, "个", None))),
)

QUALIFIERS = group(
    """Words of comparison attached to a quantity; an explicit 左右 wins
    over 控制在, and a 以上 after a size class is not a qualifier.""",
    Case("培育市场主体300多亿元", ((30000000000, "元", ">"),)),
    Case("引进资金1500多亿元", ((150000000000, "元", ">"),)),
    Case("培训基层人员1000多人次", ((1000, "人次", ">"),)),
    Case("完成投资近5000万元", ((50000000, "元", "~"),)),
    Case("存款余额超过1.1万亿元", ((1100000000000, "元", ">"),)),
    Case("失业率控制在5.5%以内", ((5.5, "%", "<="),)),
    Case("药占比不超过30%", ((30, "%", "<="),)),
    Case("接待读者30万人次左右", ((300000, "人次", "~"),)),
    Case("约有2.6万户受益", ((26000, "户", "~"),)),
    Case("新增就业6万人以上", ((60000, "人", ">="),)),
    Case("举办赛事不少于40场", ((40, "场", ">="),)),
    Case("验收合格率≥98%", ((98, "%", ">="),)),
    Case("人均补助≤2800元", ((2800, "元", "<="),)),
    Case("物价涨幅控制在3%左右", ((3, "%", "~"),)),
    Case("规模以上工业增加值增长7%以上", ((7, "%", ">="),)),
    Case("签约亿元以上项目100个以上", ((100, "个", ">="),)),
    Case("举办县级以上赛事52场", ((52, "场", None),)),
    Case("全市存款余额达１．１３万亿元", ((1130000000000, "元", None),)),
    Case("新建幼儿园１４所，完成率１１３．８％", ((14, "所", None), (113.8, "%", None))),
    Case("实际引进资金1,538.9亿元", ((153890000000, "元", None),)),
    Case("全年培训４６０多人次", ((460, "人次", ">"),)),
)

COUNTERS = group(
    """Compound counters keep the whole unit; missing counters.""",
    Case("检查渔船14条次", ((14, "条次", None),)),
    Case("抽检设备189台次", ((189, "台次", None),)),
    Case("无人机巡查36架次", ((36, "架次", None),)),
    Case("邀请5位专家评审", ((5, "位", None),)),
    Case("新增林地3片", ((3, "片", None),)),
    Case("招录社工28名", ((28, "名", None),)),
    Case("梳理76个事项", ((76, "个", None),)),
    Case("下降1.5个百分点", ((1.5, "百分点", None),)),
    Case("占比提高2.3%", ((2.3, "%", None),)),
    Case("造林99601公 顷", ((99601, "公顷", None),)),
    Case("新建绿道12.5公 里", ((12.5, "公里", None),)),
    Case("收储粮食5千克", ((5, "千克", None),)),
    Case("新修步道3千米", ((3, "公里", None),)),
    Case("光伏装机50万千瓦", ((500000, "千瓦", None),)),
    Case("架设10千伏线路8公里", ((10, "千伏", None), (8, "公里", None))),
    Case("年发电1.2亿千瓦时", ((120000000, "千瓦时", None),)),
    Case("差距缩小0.5百分点", ((0.5, "百分点", None),)),
)

RATE_UNITS = group(
    """A unit counted per something keeps its whole written form.""",
    Case("养老金最低标准不低于180元/月", ((180, "元/月", ">="),)),
    Case("财政补助640元/人·年", ((640, "元/人·年", None),)),
    Case("流转租金1.1万元/亩", ((11000, "元/亩", None),)),
    Case("收购价120-150元/吨", ((120, "元/吨", ">=", 150),)),
    Case("完成45%/进度滞后", ((45, "%", None),)),
)

NOT_QUANTITIES = group(
    """Ordinals, activity names and idioms that look like a numeral and a
    counter.""",
    Case("学习贯彻十四届八次全会精神", ()),
    Case("开展第三轮巡察", ()),
    Case("推行十户联动机制", ()),
    Case("实行一品一码追溯", ()),
    Case("建立一户一档", ()),
    Case("坚持一企一策", ()),
    Case("实现营收两位数增长", ()),
    Case("推进三位一体改革", ()),
    Case("全省综合排名第3位", ()),
    Case("一年一度的评选", ()),
    Case("按照全市统一部署推进", ()),
    Case("这项改革十分重要", ()),
    Case("对问题逐一分析整改", ()),
    Case("同一批次的产品", ()),
    Case("县十六届人大四次会议审议通过", ()),
    Case("实施小微企业三年成长计划", ()),
)

WORDS_AROUND = group(
    """Words next to a number that only look like qualifiers or counters.""",
    Case("现已签约企业74个", ((74, "个", None),)),
    Case("节约用水3万吨", ((30000, "吨", None),)),
    Case("上级下达任务85%", ((85, "%", None),)),
    Case("召开专题会3次会议", ((3, "次", None),)),
    Case("新建驿站两三个", ((2, "个", "~", 3),)),
    Case("每村配备三五名网格员", ((3, "名", "~", 5),)),
    Case("平均候诊十分钟", ((10, "分钟", None),)),
    Case("最近3年新增12家", ((3, "年", None), (12, "家", None))),
    Case("近三年新登记商标720件", ((3, "年", None), (720, "件", None))),
    Case("全省排名较上季度前移2位", ()),
    Case("排名后退3位次", ()),
    Case("综合考评位列全市前三名", ()),
    Case("增速居全省前5位", ()),
    Case("呈现一片繁荣景象", ()),
    Case("1.2021年起实施", ()),
    Case("?021年1-6月", ()),
    Case("联合五部门开展检查", ((5, "部门", None),)),
    Case("比年初定下的8所年度目标多建1所", ((8, "所", None), (1, "所", None))),
    Case("剩余3套年底前交付", ((3, "套", None),)),
)

ALL = QUOTED_NAMES + FRACTIONS + NEGATIVES + MULTIPLES + CURRENCIES + DURATIONS + RANGES + QUALIFIERS \
    + COUNTERS + RATE_UNITS + NOT_QUANTITIES + WORDS_AROUND


def _got(q, with_max: bool) -> tuple:
    base = (q.value, q.unit, q.qualifier)
    return base + (q.value_max,) if with_max else base


@pytest.mark.parametrize("case", ALL, ids=lambda c: c.text[:16])
def test_case(case):
    qs = extract_quantities(case.text)
    got = [_got(q, len(e) == 4) for q, e in zip(qs, case.expected)]
    assert len(qs) == len(case.expected), [(q.text, q.value, q.unit, q.qualifier) for q in qs]
    for g, e in zip(got, case.expected):
        assert g[0] == pytest.approx(e[0]) and g[1:3] == e[1:3], (g, e)
        if len(e) == 4:
            assert g[3] == pytest.approx(e[3])

@pytest.mark.parametrize("text, word", [
    ("完成投资1500多亿元", "多"),
    ("新增就业6万人以上", "以上"),
    ("覆盖率达到95%", "达到"),
    ("约有2.6万户受益", "约"),
    ("增长7%—7.5%", None),        # the range itself, no word
    ("新建驿站12个", None),
])
def test_the_word_a_qualifier_comes_from_is_kept(text, word):
    (q,) = extract_quantities(text)
    assert q.qualifier_word == word


def test_the_table_covers_every_kind():
    groups = [QUOTED_NAMES, FRACTIONS, NEGATIVES, MULTIPLES, CURRENCIES, DURATIONS, RANGES, QUALIFIERS,
              COUNTERS, RATE_UNITS, NOT_QUANTITIES, WORDS_AROUND]
    assert all(len(g) >= 5 for g in groups)


# ---------------------------------------------------------------- linear time

@pytest.mark.parametrize("text", [
    "1" * 20_000,
    "1" * 20_000 + "元",
    "一" * 20_000 + "家",
    ("完成投资1.5亿元，“新建3所”（其中2所）；" * 10_000)[:200_000],
    ("-" + "1" * 9 + " ") * 20_000,
    "3." * 100_000,
])
def test_extraction_is_linear(text):
    """A quadratic reading of these 200,000 characters takes minutes; a linear one
    well under a second. The bound is loose so that a busy machine never fails it
    (measured speed lives in benchmarks/)."""
    t = time.perf_counter()
    extract_quantities(text, simplified=True)
    assert time.perf_counter() - t < 10.0


# ---------------------------------------------------------------- properties

UNITS = ["家", "个", "项", "批次", "台", "亩", "人次", "户", "元", "%", "公里", "小时"]
CN_DIGITS = "一二三四五六七八九"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10 ** 6), st.integers(min_value=1, max_value=10 ** 6),
       st.sampled_from(UNITS), st.sampled_from(["-", "—", "至", "到", "~"]))
def test_a_range_keeps_both_ends(a, b, unit, dash):
    low, high = sorted((a, b))
    (q,) = extract_quantities(f"计划完成{low}{dash}{high}{unit}，")
    assert (q.value, q.value_max, q.unit, q.qualifier) == (low, high, unit, ">=")


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value="0.1", max_value=999, places=1), st.sampled_from(["-", "−", "－"]))
def test_a_minus_sign_keeps_its_number_negative(d, sign):
    (q,) = extract_quantities(f"利润增速为{sign}{d.normalize():f}%")
    assert q.value == pytest.approx(-float(d)) and q.unit == "%"


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=2, max_value=9), st.integers(min_value=1, max_value=9))
def test_a_fraction_is_a_percent(den, num):
    (q,) = extract_quantities(f"约占{CN_DIGITS[den - 1]}分之{CN_DIGITS[num - 1]}的份额")
    assert q.unit == "%" and q.value == pytest.approx(num * 100 / den)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.,-—~%万亿元家个第年月日“”《》（）()十百千一二两三分之倍翻番以上左右约多余 ",
               max_size=80))
def test_any_text_reads_without_error_and_positions_hold(text):
    for q in extract_quantities(text, simplified=True):
        assert 0 <= q.start < q.end <= len(text) and q.text == text[q.start:q.end]
        assert q.value_max is None or q.value_max >= q.value


def test_a_config_adds_a_currency_and_a_plan_name():
    from reportkit.vocab import load_vocab

    vocab = load_vocab({"units": {"families": {"money_krw": ["韩元"]}, "not_after": {"年": ["腾飞"]}}})
    (q,) = extract_quantities("吸引投资500万韩元", vocab)
    assert (q.value, q.unit) == (5000000, "韩元")
    assert extract_quantities("实施三年腾飞计划", vocab) == []
    # the shipped vocabulary is untouched
    assert extract_quantities("吸引投资500万韩元")[0].unit is None
    assert [q.unit for q in extract_quantities("实施三年腾飞计划")] == ["年"]
