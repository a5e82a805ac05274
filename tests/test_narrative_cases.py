"""A case table of narrative (prose) report sentences and the pairs in them.

Each case is a short report text, one or a few sentences of the kind Chinese
government progress reports are written in (mostly Simplified, a few in
Traditional), with the target/actual pairs a reader must find in it, or the
numbers it must NOT pair. The sentences, places, projects and figures were
written for this project; they imitate how real reports phrase things but are
no copy of any report.

The cases are grouped by where such sentences come from, one list each:

- INVESTMENT: investment and assignment reports (年度计划投资T,完成投资A,完成年度计划P%;
  A,占年度任务T的P%; 完成州政府下达任务数T的P% with a growth rate in between; …)
- LISTS: targets listed, then results listed (分别, the next sentence, the paragraph
  before, or another order matched by the words naming them)
- COMPETING: several candidate targets (总投资 before the annual plan; a province, a
  city and an issued plan; one actual measured against two bases)
- IN_WORDS: completion said in words (已全部完成, 已全部开工, 百分百)
- MONEY: compound money (亿…万…千元), thousands separators, one number in two notations
- GAPS: a rate reached and its gap to the planned rate (实际进度X%,较计划进度落后Y个百分点)
- NOT_PAIRS: what must give no pair (a percent without its target, 超额完成X%, growth
  rates, shares, counts, rankings, gaps to the schedule)

A pair is (target value, target unit, actual value, actual unit, percent reported),
values with their magnitudes applied (万 ×1e4, 亿 ×1e8; money in 元), units canonical
and Simplified; the percent is the percent complete as the text states it (None when
the text states none: 超额完成X% is an excess, not a percent complete). Numbers are
compared within 0.5%.

Per group there are two tests:
- `test_<group>_pairs`: every expected pair is found, and no other metric holds both
  a target and an actual (a target with no actual is not a wrong pair). A case may
  also name values that must be no metric's target or actual (`absent`) and percents
  no metric may report (`not_percent`).
- `test_<group>_evidence`: the metric of each expected pair records, in `Metric.how`,
  evidence of the expected kind (an entry opening with `pattern`, `arithmetic`,
  `list`, `in words`, `cue`, `words`, ...).
A case the reader still fails says why in `known` (pairs) or `known_how` (evidence):
it is a strict xfail, listed as a known failure until the reader learns it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pytest

import reportkit

WAN = 1e4
YI = 1e8


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    #: (target value, target unit, actual value, actual unit, percent reported or None)
    pairs: tuple = ()
    #: the evidence kind expected for each pair, in the order of `pairs`
    how: tuple = ()
    #: values that no metric may hold as its target or its actual
    absent: tuple = ()
    #: percents that no metric may report
    not_percent: tuple = ()
    #: why the reader still fails this case (a known failure: strict xfail), for the
    #: pairs test and for the evidence test
    known: str | None = None
    known_how: str | None = None


# ---------------------------------------------------------------------------
# 1. Investment and assignment reports
# ---------------------------------------------------------------------------
INVESTMENT = [
    Case("plan_then_done_then_percent",
         "青川县2024年重点项目年度计划投资38.6亿元,1-8月完成投资25.4亿元,完成年度计划65.8%。",
         pairs=((38.6 * YI, "元", 25.4 * YI, "元", 65.8),),
         how=("arithmetic",)),
    Case("plan_done_percent_twice_hant",
         "從產業類項目看,年度計劃投資12.4億元,完成投資3.1億元,完成年度計劃25.0%;"
         "從基礎設施類項目看,年度計劃投資8.8億元,完成投資2.64億元,完成年度計劃30.0%。",
         pairs=((12.4 * YI, "元", 3.1 * YI, "元", 25.0),
                (8.8 * YI, "元", 2.64 * YI, "元", 30.0)),
         how=("arithmetic", "arithmetic")),
    Case("share_of_annual_task",
         "截至6月底,全市农村户厕改造完成4216户,占年度任务5200户的81.1%。",
         pairs=((5200, "户", 4216, "户", 81.1),),
         how=("pattern",)),
    Case("state_task_after_growth",
         "1-9月,经开区新引进项目到位资金46.8亿元,同比增长21.5%,完成州政府下达任务数40亿元的117%。",
         pairs=((40 * YI, "元", 46.8 * YI, "元", 117),),
         how=("pattern",),
         absent=(21.5,), not_percent=(21.5,)),
    Case("state_task_after_growth_twice",
         "全年实际利用外资1.26亿美元,同比增长8.4%,完成州政府下达任务数1.5亿美元的84%;"
         "新签约项目合同引资额92.3亿元,同比增长12.6%,完成州政府下达任务数80亿元的115.4%。",
         pairs=((1.5 * YI, "美元", 1.26 * YI, "美元", 84),
                (80 * YI, "元", 92.3 * YI, "元", 115.4)),
         how=("pattern", "pattern"),
         absent=(8.4, 12.6), not_percent=(8.4, 12.6)),
    Case("year_task_four_times",
         "1至9月,全区城镇新增就业6420人,完成年目标任务8000人的80.3%;失业人员再就业1855人,"
         "完成年目标任务2500人的74.2%;就业困难人员就业安置396人,完成年目标任务500人的79.2%;"
         "发放创业担保贷款3680万元,完成年目标任务5000万元的73.6%。",
         pairs=((8000, "人", 6420, "人", 80.3),
                (2500, "人", 1855, "人", 74.2),
                (500, "人", 396, "人", 79.2),
                (5000 * WAN, "元", 3680 * WAN, "元", 73.6)),
         how=("pattern", "pattern", "pattern", "pattern")),
    Case("wan_actual_yi_target",
         "截至7月底,全市重点水利工程完成投资15680万元,占年度任务2.4亿元的65.3%。",
         pairs=((2.4 * YI, "元", 15680 * WAN, "元", 65.3),),
         how=("pattern",)),
    Case("wan_actual_yi_target_rounded",
         "莲溪水库扩容工程完成投资8730万元,完成年度投资计划1.5亿元的58%。",
         pairs=((1.5 * YI, "元", 8730 * WAN, "元", 58),),
         how=("pattern",)),
    Case("target_in_brackets",
         "上半年招商引资到位资金31.2亿元,完成全年任务(48亿元)的65%。",
         pairs=((48 * YI, "元", 31.2 * YI, "元", 65),),
         how=("pattern",)),
]

# ---------------------------------------------------------------------------
# 2. Targets listed, then results listed
# ---------------------------------------------------------------------------
LISTS = [
    Case("respectively_three",
         "今年计划新建农村公路160公里、改造危桥24座、建设港湾式停靠站300个,截至9月底分别完成132公里、20座、246个。",
         pairs=((160, "公里", 132, "公里", None),
                (24, "座", 20, "座", None),
                (300, "个", 246, "个", None)),
         how=("list", "list", "list")),
    Case("respectively_with_percents",
         "年度安排新增造林2.5万亩、森林抚育4万亩,分别完成2.1万亩、3.6万亩,分别完成年度任务的84%、90%。",
         pairs=((2.5 * WAN, "亩", 2.1 * WAN, "亩", 84),
                (4 * WAN, "亩", 3.6 * WAN, "亩", 90)),
         how=("list", "list")),
    Case("respectively_two_with_and",
         "全县计划完成高标准农田建设3.6万亩、新建冷链仓储设施18座,上半年实际分别完成2.95万亩和11座。",
         pairs=((3.6 * WAN, "亩", 2.95 * WAN, "亩", None),
                (18, "座", 11, "座", None)),
         how=("list", "list")),
    Case("next_sentence_same_order",
         "今年承诺新建公办幼儿园6所、改扩建中小学校舍3.2万平方米、新增学位4800个。"
         "目前已建成幼儿园4所,完成校舍改扩建2.7万平方米,新增学位3960个。",
         pairs=((6, "所", 4, "所", None),
                (3.2 * WAN, "平方米", 2.7 * WAN, "平方米", None),
                (4800, "个", 3960, "个", None)),
         how=("list", "list", "list")),
    Case("next_sentence_same_order_people",
         "全年目标为:新增城镇就业5000人,培训农民工1200人次,开发公益性岗位300个。"
         "截至8月底,新增城镇就业3870人,培训农民工1035人次,开发公益性岗位262个。",
         pairs=((5000, "人", 3870, "人", None),
                (1200, "人次", 1035, "人次", None),
                (300, "个", 262, "个", None)),
         how=("list", "list", "list")),
    Case("results_paragraph_before_targets",
         "1-5月,全市新增公共充电桩1860个,完成老旧小区加装电梯42台,新增托育机构托位1520个。\n\n"
         "年初确定的实事项目目标是:全年新增公共充电桩3000个,加装电梯120台,新增托位2500个。",
         pairs=((3000, "个", 1860, "个", None),
                (120, "台", 42, "台", None),
                (2500, "个", 1520, "个", None)),
         how=("words", "words", "words")),  # named alike across the paragraphs
    Case("other_order_by_words",
         "今年计划培育国家高新技术企业40家、省级专精特新企业15家、科技型中小企业220家。"
         "截至6月底,入库科技型中小企业163家,新认定省级专精特新企业9家,申报国家高新技术企业31家。",
         pairs=((40, "家", 31, "家", None),
                (15, "家", 9, "家", None),
                (220, "家", 163, "家", None)),
         how=("words", "words", "words")),
    Case("other_order_by_words_hant",
         "年度目標為新建污水管網45公里、改造雨污混接點120處、建設海綿城市示範區3個。"
         "截至9月底,已完成混接點改造96處,建成示範區2個,鋪設污水管網38.5公里。",
         pairs=((45, "公里", 38.5, "公里", None),
                (120, "处", 96, "处", None),
                (3, "个", 2, "个", None)),
         how=("words", "words", "words")),
]

# ---------------------------------------------------------------------------
# 3. Competing targets
# ---------------------------------------------------------------------------
COMPETING = [
    Case("total_then_annual",
         "城北污水处理厂三期工程总投资9.6亿元,年度计划投资3.2亿元,截至6月底完成投资1.76亿元,完成年度计划的55%。",
         pairs=((3.2 * YI, "元", 1.76 * YI, "元", 55),),
         how=("arithmetic",),
         absent=(9.6 * YI,)),
    Case("planned_total_then_annual_no_percent",
         "滨江大道快速化改造项目计划总投资18.4亿元,年内计划投资5亿元,1-9月已完成投资4.1亿元。",
         pairs=((5 * YI, "元", 4.1 * YI, "元", None),),
         how=("cue",),
         absent=(18.4 * YI,)),
    Case("many_projects_total_then_annual",
         "全区38个市重点项目计划总投资412.6亿元,年度计划投资96.5亿元,1-10月完成投资81.3亿元,完成年度计划的84.2%。",
         pairs=((96.5 * YI, "元", 81.3 * YI, "元", 84.2),),
         how=("arithmetic",),
         absent=(412.6 * YI, 38)),
    Case("province_city_issued_plan",
         "今年省上下达我市城镇老旧小区改造任务260个,市政府民生实事确定改造200个,经积极争取,实际下达中央补助计划180个。"
         "截至11月底,全市已完成改造234个,与下达的补助计划数相比完成130%。",
         pairs=((180, "个", 234, "个", 130),),
         how=("arithmetic",),
         absent=(130,)),
    Case("province_and_county_percent_of_province",
         "省下达我县农村危房改造任务1500户,县政府承诺完成1200户。截至9月底,全县已竣工1320户,完成省下达任务的88%。",
         pairs=((1500, "户", 1320, "户", 88),),
         how=("arithmetic",)),
    Case("province_and_city_percent_of_city_hant",
         "省定目標為新增停車泊位8000個,市定目標為10000個。截至6月底,全市新增停車泊位5600個,完成市定目標的56%。",
         pairs=((10000, "个", 5600, "个", 56),),
         how=("arithmetic",)),
    Case("one_actual_two_bases",
         "1-6月全县完成植树造林2.34万亩,完成市级任务2万亩的117%、县级任务2.6万亩的90%。",
         pairs=((2 * WAN, "亩", 2.34 * WAN, "亩", 117),
                (2.6 * WAN, "亩", 2.34 * WAN, "亩", 90)),
         how=("arithmetic", "arithmetic")),
    Case("one_actual_two_bases_respectively",
         "全市新增城镇就业4.32万人,分别完成省下达目标(4万人)和市定目标(4.8万人)的108%和90%。",
         pairs=((4 * WAN, "人", 4.32 * WAN, "人", 108),
                (4.8 * WAN, "人", 4.32 * WAN, "人", 90)),
         how=("arithmetic", "arithmetic")),
]

# ---------------------------------------------------------------------------
# 4. Completion in words
# ---------------------------------------------------------------------------
IN_WORDS = [
    Case("all_completed_after_list",
         "今年计划改造农村饮水安全工程42处、新建村级文化广场65个、维修山塘水库18座,目前已全部完成。",
         pairs=((42, "处", 42, "处", None),
                (65, "个", 65, "个", None),
                (18, "座", 18, "座", None)),
         how=("in words", "in words", "in words")),
    Case("all_started",
         "全县今年安排保障性租赁住房2680套,截至5月底已全部开工。",
         pairs=((2680, "套", 2680, "套", None),),
         how=("in words",)),
    Case("also_completed_as_planned",
         "此外,全年新建小型水窖600口、改造渠道38公里、治理水土流失面积4.5万亩等任务也已按计划全部完成。",
         pairs=((600, "口", 600, "口", None),
                (38, "公里", 38, "公里", None),
                (4.5 * WAN, "亩", 4.5 * WAN, "亩", None)),
         how=("in words", "in words", "in words")),
    Case("all_finished_hant",
         "本年度計劃完成農村公路安保工程210公里、危橋改造12座,現已全部完工。",
         pairs=((210, "公里", 210, "公里", None),
                (12, "座", 12, "座", None)),
         how=("in words", "in words")),
    Case("numbers_then_words",
         "计划新建5G基站1200个,已建成1365个;新建乡镇快递服务站46个,已全部建成。",
         pairs=((1200, "个", 1365, "个", None),
                (46, "个", 46, "个", None)),
         how=("cue", "in words")),
    Case("hundred_percent_heading_then_all_started",
         "棚改开工率达百分百。\n全市今年计划开工棚户区改造1260套,截至9月底已全部开工。",
         pairs=((1260, "套", 1260, "套", 100),),
         how=("in words",),
         known="a rate stated in a heading sentence (开工率达百分百) is not carried to the pair of the body below it"),
    Case("hundred_percent_with_numbers",
         "今年省下达我区公租房配租任务850套,截至10月底已配租850套,配租率达到百分百。",
         pairs=((850, "套", 850, "套", 100),),
         how=("arithmetic",)),
]

# ---------------------------------------------------------------------------
# 5. Money and number notations
# ---------------------------------------------------------------------------
MONEY = [
    Case("yi_wan_qian_compound_hant",
         "本年度可用預算數為42億7,518萬6千元,截至年底實際執行38億4,766萬7千元,執行率90.00%。",
         pairs=((4275186000, "元", 3847667000, "元", 90.0),),
         how=("arithmetic",)),
    Case("yi_wan_qian_compound_spent_hant",
         "年度可用經費為5億3,208萬4千元,已支用3億1,925萬元,執行率60%。",
         pairs=((532084000, "元", 319250000, "元", 60),),
         how=("arithmetic",)),
    Case("yi_wan_compound",
         "市级财政衔接推进乡村振兴补助资金年度预算3亿2,450万元,已拨付2亿5,960万元,拨付率80%。",
         pairs=((324500000, "元", 259600000, "元", 80),),
         how=("arithmetic",)),
    Case("yuan_with_thousands_separators",
         "全年计划发放稳岗返还资金12,500,000元,1-9月已发放9,812,500元,完成年度计划的78.5%。",
         pairs=((12500000, "元", 9812500, "元", 78.5),),
         how=("arithmetic",)),
    Case("wan_yuan_with_thousands_separators",
         "全年计划争取上级资金25,000万元,已到位资金18,250万元,占计划的73%。",
         pairs=((25000 * WAN, "元", 18250 * WAN, "元", 73),),
         how=("arithmetic",)),
    Case("yi_target_wan_actual_hant",
         "年度計劃投資1.8億元,實際完成投資12,960萬元,完成年度計劃的72%。",
         pairs=((1.8 * YI, "元", 12960 * WAN, "元", 72),),
         how=("arithmetic",)),
    Case("same_number_two_notations",
         "年度计划完成农村劳动力技能培训1.46万人,1-10月实际培训14600人,提前完成全年任务。",
         pairs=((14600, "人", 14600, "人", None),),
         how=("cue",)),
]

# ---------------------------------------------------------------------------
# 6. What must not be paired
# ---------------------------------------------------------------------------
# ---------------------------------------------------------------------------
# 7. A rate reached and its gap to the planned rate (the planned rate is derived)
# ---------------------------------------------------------------------------
GAPS = [
    Case("behind_planned_progress",
         "城北污水厂三期工程实际进度68.5%,较计划进度落后1.5个百分点,主要受雨季影响。",
         pairs=((70, "%", 68.5, "%", None),),
         how=("gap",)),
    Case("ahead_of_planned_progress_hant",
         "濱河公園工程實際完成進度92%,較預定進度超前2個百分點。",
         pairs=((90, "%", 92, "%", None),),
         how=("gap",)),
    Case("calendar_share_is_no_plan",
         "全区重点项目完成年度计划的62%,高于时序进度12个百分点。",
         absent=(50, 74)),
]

NOT_PAIRS = [
    Case("percent_only_no_target",
         "1-6月,全县完成固定资产投资58.6亿元,完成全年目标的47.3%。"),
    Case("percent_only_no_target_hant",
         "截至10月底,全市已發放創業擔保貸款3.42億元,完成全年目標任務的85.5%,同比增長12.1%。",
         absent=(12.1,)),
    Case("multiple_of_unstated_task",
         "东湖区完成植树3.9万株,是其全年任务量的1.3倍。",
         absent=(1.3,)),
    Case("excess_is_not_percent",
         "全年计划新建公共充电桩400个,实际建成460个,超额完成15%。",
         pairs=((400, "个", 460, "个", None),),
         how=("cue",),
         not_percent=(15,)),
    Case("excess_after_respective_results",
         "今年计划新增市场主体8000户、新增规上企业50家,实际分别完成9120户和58家,分别超额完成14%、16%。",
         pairs=((8000, "户", 9120, "户", None),
                (50, "家", 58, "家", None)),
         how=("list", "list"),
         not_percent=(14, 16)),
    Case("growth_rates_only",
         "1-8月,全区规模以上工业增加值同比增长9.3%,社会消费品零售总额同比增长6.8%,"
         "地方一般公共预算收入12.6亿元,同比增长4.2%。",
         absent=(9.3, 6.8, 4.2)),
    Case("share_of_city_total",
         "全市新能源汽车销量2.16万辆,占全省比重18.7%;计划新建充电站120座,已建成96座,完成年度计划的80%。",
         pairs=((120, "座", 96, "座", 80),),
         how=("arithmetic",),
         absent=(18.7,), not_percent=(18.7,)),
    Case("project_count",
         "今年共实施市级重点水利项目15个,年度计划投资6亿元,1-7月完成投资4.2亿元,完成年度计划的70%。",
         pairs=((6 * YI, "元", 4.2 * YI, "元", 70),),
         how=("arithmetic",),
         absent=(15,)),
    Case("ranking",
         "全县招商引资到位资金28.5亿元,完成年度任务30亿元的95%,居全市第2位。",
         pairs=((30 * YI, "元", 28.5 * YI, "元", 95),),
         how=("pattern",),
         absent=(2,)),
    Case("schedule_gap_without_target",
         "全区重点项目完成投资46.2亿元,完成年度计划的72.4%,高于时序进度5.7个百分点。",
         absent=(5.7,)),
    Case("schedule_gap_with_pair_hant",
         "年度計劃投資20億元,完成投資13.1億元,完成年度計劃65.5%,高于時序進度7.2個百分點。",
         pairs=((20 * YI, "元", 13.1 * YI, "元", 65.5),),
         how=("arithmetic",),
         absent=(7.2,)),
]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------
def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=0.005, abs_tol=1e-9)


def _metrics(text: str) -> list:
    """Every metric of every record that has a target."""
    return [m for r in reportkit.parse_text(text) for m in r.metrics if m.target is not None]


def _pair(m) -> tuple:
    t, a = m.target, m.actual
    return (t.value, t.unit, a.value if a else None, a.unit if a else None, m.percent_reported)


def pairs(text: str) -> list[tuple]:
    """(target value, target unit, actual value, actual unit, percent reported) of each metric with a target."""
    return [_pair(m) for m in _metrics(text)]


def _same_pair(want: tuple, got: tuple) -> bool:
    tv, tu, av, au, p = want
    gtv, gtu, gav, gau, gp = got
    return _close(tv, gtv) and tu == gtu and _close(av, gav) and au == gau and _close(p, gp)


def _match(case: Case, metrics: list):
    """Each expected pair with the metric that holds it (or None), and the
    metrics holding both a target and an actual that no expected pair names."""
    free = list(metrics)
    matched = []
    for want in case.pairs:
        hit = next((m for m in free if _same_pair(want, _pair(m))), None)
        if hit is not None:
            free.remove(hit)
        matched.append((want, hit))
    extra = [m for m in free if m.actual is not None]
    return matched, extra


def _num(v) -> str:
    return "-" if v is None else f"{v:g}"


def _show(p: tuple) -> str:
    tv, tu, av, au, pct = p
    return f"{_num(tv)}{tu or ''} -> {_num(av)}{au or ''} ({_num(pct)}%)"


def check_pairs(case: Case) -> None:
    metrics = _metrics(case.text)
    matched, extra = _match(case, metrics)
    problems = []
    missing = [want for want, hit in matched if hit is None]
    if missing:
        problems.append("missing " + "; ".join(_show(p) for p in missing))
    if extra:
        problems.append("unexpected " + "; ".join(_show(_pair(m)) for m in extra))
    every = [m for r in reportkit.parse_text(case.text) for m in r.metrics]
    for value in case.absent:
        holders = [m for m in every
                   if any(q is not None and _close(q.value, value) for q in (m.target, m.actual))]
        if holders:
            problems.append(f"{value:g} used as target/actual in {[m.name for m in holders]}")
    for pct in case.not_percent:
        if any(_close(m.percent_reported, pct) for m in every):
            problems.append(f"{pct:g} reported as a percent complete")
    found = "; ".join(_show(_pair(m)) for m in metrics) or "nothing"
    assert not problems, " | ".join(problems) + f" || found: {found}"


def check_evidence(case: Case) -> None:
    assert len(case.how) == len(case.pairs), "one evidence kind per pair"
    matched, _ = _match(case, _metrics(case.text))
    problems = []
    for (want, hit), kind in zip(matched, case.how):
        if hit is None:
            problems.append(f"{_show(want)}: pair not found")
        elif not any(entry == kind or entry.startswith((kind + " ", kind + ":")) for entry in hit.how):
            problems.append(f"{_show(want)}: expected {kind!r}, how={hit.how}")
    assert not problems, " | ".join(problems)


def _params(cases: list[Case], *, with_pairs: bool = False):
    """The cases as parameters; a known failure is a strict xfail (it must fail,
    so that a fix is noticed and the mark removed)."""
    chosen = [c for c in cases if c.pairs] if with_pairs else cases
    known = (lambda c: c.known or c.known_how) if with_pairs else (lambda c: c.known)
    return pytest.mark.parametrize("case", [
        pytest.param(c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason=known(c))] if known(c) else [])
        for c in chosen])


def test_case_ids_are_unique():
    ids = [c.id for c in INVESTMENT + LISTS + COMPETING + IN_WORDS + MONEY + GAPS + NOT_PAIRS]
    assert len(ids) == len(set(ids))


# ---------------------------------------------------------------------------
# Tests, two per group
# ---------------------------------------------------------------------------
@_params(INVESTMENT)
def test_investment_pairs(case):
    check_pairs(case)


@_params(INVESTMENT, with_pairs=True)
def test_investment_evidence(case):
    check_evidence(case)


@_params(LISTS)
def test_lists_pairs(case):
    check_pairs(case)


@_params(LISTS, with_pairs=True)
def test_lists_evidence(case):
    check_evidence(case)


@_params(COMPETING)
def test_competing_pairs(case):
    check_pairs(case)


@_params(COMPETING, with_pairs=True)
def test_competing_evidence(case):
    check_evidence(case)


@_params(IN_WORDS)
def test_in_words_pairs(case):
    check_pairs(case)


@_params(IN_WORDS, with_pairs=True)
def test_in_words_evidence(case):
    check_evidence(case)


@_params(MONEY)
def test_money_pairs(case):
    check_pairs(case)


@_params(MONEY, with_pairs=True)
def test_money_evidence(case):
    check_evidence(case)


@_params(NOT_PAIRS)
def test_not_pairs_pairs(case):
    check_pairs(case)


@_params(NOT_PAIRS, with_pairs=True)
def test_not_pairs_evidence(case):
    check_evidence(case)


@_params(GAPS)
def test_gaps_pairs(case):
    check_pairs(case)


@_params(GAPS, with_pairs=True)
def test_gaps_evidence(case):
    check_evidence(case)
