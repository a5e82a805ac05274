"""How narrative sentences tie results to targets (relations.yaml, narrative.py).

Each case is a sentence of a progress report and the (target, actual) pairs a
reader must find in it; each distractor case names numbers that must never be
a target or an actual. The sentences are written for these tests, in the
phrasings of real progress reports: one case per relation pattern and per
kind of distractor.
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from reportkit.models import Item
from reportkit.narrative import align_outline_item
from reportkit.relations import SLOT, compile_pattern, find_matches, grammar, slotted
from reportkit.quantities import extract_quantities
from reportkit.script import to_simplified
from reportkit.vocab import load_vocab

VOCAB = load_vocab()


@dataclass(frozen=True)
class Case:
    text: str
    pairs: tuple           # (target, actual) values; actual None for a target alone
    percent: float | None = None   # the percent reported for the first pair, when checked
    plan: bool = False


def _align(text: str, plan: bool = False):
    # the readers see the Simplified reading the script stage makes
    return align_outline_item(Item(None, 1, 1, progress=to_simplified(text), plan=plan, kind="outline"),
                              VOCAB).metrics


def _pairs(metrics) -> set:
    return {(m.target.value if m.target else None, m.actual.value if m.actual else None) for m in metrics}


RELATION_CASES = [
    # pairs patterns (relations.yaml: pairs)
    Case("引进市外资金8.4亿元,完成全年任务(12亿元)的70%。", ((1.2e9, 8.4e8),), 70),      # target_in_brackets
    Case("完成造林1.2万亩,完成市级任务(1万亩)的120%、县级任务(1.1万亩)的109.1%。",           # targets_in_brackets
         ((10000, 12000), (11000, 12000)), 120),
    Case("完成农村户厕改造3200户,占年度任务4000户的80%。", ((4000, 3200),), 80),              # target_in_percent_phrase
    Case("完成投资5.2亿元,占年度计划投资8亿元的65%。", ((8e8, 5.2e8),), 65),
    Case("新建标准化菜市场6个(年度任务5个),改造农贸市场3个。", ((5, 6),)),                    # target_label_in_brackets
    Case("森林覆盖率达到63%(目标值60%)。", ((60, 63),)),                                 # target_label_in_brackets
    Case("新建充电桩133个(目标值120)。", ((120, 133),)),                                 # bare_number_targets
    Case("甲、乙两类排放量分别下降4.2%和3.5%,均完成了下降3%的年度目标。", ((3, 4.2), (3, 3.5))),  # respectively
    Case("年度目标为用水量下降2%,实际工业、生活用水量分别下降3.1%和2.6%。", ((2, 3.1), (2, 2.6))),  # target_then_respectively
    Case("城市绿化覆盖率达到45.6%,高于省定42%的考核任务和市定44%的工作目标。",                 # result_then_two_targets
         ((42, 45.6), (44, 45.6))),
    Case("全年改造供热管网52公里,超额完成45公里的年度目标任务。", ((45, 52),)),              # result_then_target
    Case("噪声超标率为2.6%,低于3%的控制目标。", ((3, 2.6),)),                               # result_then_target
    Case("能耗下降了18%,是年初承诺的“下降10%”的近两倍。", ((10, 18),)),                    # result_then_named_target
    Case("全年实现旅游收入58.6亿元,较年度目标50亿元多8.6亿元。", ((5e9, 5.86e9),)),          # result_then_named_target
    Case("截至目前,已完成投资32亿元,年度计划投资40亿元,完成率80%。", ((4e9, 3.2e9),), 80),     # result first, percent
    Case("25个村级便民服务站改造已完成19个(76%),其余正在装修。", ((25, 19),), 76),           # target_in_task_name
    # roles (relations.yaml: roles)
    Case("年初提出新建口袋公园40个的目标,目前已建成31个。", ((40, 31),)),                    # target_named_after
    Case("800公里农村公路改造(2022—2025年)。今年以来新增完成120公里,累计完成610公里,占总计划的76.3%。",
         ((800, 610),), 76.3),                                                             # target_with_year_range
    Case("安置房建设工程(2021—2024年)共1200套,今年新建300套,累计建成1150套。", ((1200, 1150),)),  # target_after_year_range
    # lead-ins, ordered lists, shared results
    Case("年初确定的目标是:新建学校4所;新增学位2400个;改造校舍1.5万平方米。执行中,新建学校4所,新增学位2650个,"
         "改造校舍1.62万平方米。", ((4, 4), (2400, 2650), (15000, 16200))),
    Case("此外,年初还提出,全年新增绿地60万平方米、植树12万株。执行中,新增绿地64万平方米、植树11.5万株。",
         ((600000, 640000), (120000, 115000))),
    Case("县政府承诺,明年再建成乡镇综合文化站6个,目前正在选址。", ((6, None),)),
    Case("县政府承诺,年内新建“口袋公园”8个,目前已建成5个。", ((8, 5),)),
    Case("省下达任务30家,市定目标36家,实际完成38家。", ((30, 38), (36, 38))),
    Case("外资到位确保目标12亿元、奋斗目标15亿元,实际到位13.1亿元,完成确保目标(12亿元)的109.2%。",
         ((1.2e9, 1.31e9), (1.5e9, 1.31e9))),
    # cue words, qualifiers, headings
    Case("全年地区生产总值力争同比增长8%,实际增长7.2%。", ((8, 7.2),)),
    Case("全年一般公共预算收入预期增长5%,实际完成12.3亿元,增长5.8%。", ((5, 5.8),)),
    Case("全年举办群众赛事不少于20场,实际举办27场。", ((20, 27),)),
    Case("建设城市绿道60公里。已建成42公里,其余正在施工。", ((60, 42),)),
    Case("完成老旧管网改造300公里。已完成318公里,完成率106%。", ((300, 318),), 106),
    Case("计划新建村级光伏电站8座,实际完成9座。", ((8, 9),)),
    Case("全年引资任务4亿元,上半年已到位资金1.8亿元,完成全年任务的45%。", ((4e8, 1.8e8),), 45),
    Case("新开工项目目标80个,上半年已开工52个,截至9月底累计开工71个,开工率88.8%。", ((80, 71),)),
    Case("固定资产投资增长6%的目标未能实现,事实上全年仅增长4.4%。", ((6, 4.4),)),
    Case("年初提出增长5%—5.5%的目标,全年实际增长5.2%。", ((5, 5.2),)),
    Case("下一步,计划新增标准5项以上,完成改造3家。", ((5, None), (3, None)), plan=True),
    # a target noun before a colon announces a list; the report names them back (这两项)
    Case("年初还提出了两项惠民目标:新建公园5个,改造广场3个。到年底,这两项分别完成了6个和3个。",
         ((5, 6), (3, 3))),
    # a target whose sentence reported a result does not reach past the next target of its kind
    Case("计划招聘教师50人,实际招聘48人;计划招聘医生30人,年底达到33人。", ((50, 48), (30, 33))),
    # a heading sentence's target names the task, whatever cue (以上, 不少于) made it one
    Case("新增公共泊位900个以上。已建成泊位960个,其中充电车位120个。", ((900, 960),)),
    Case("为困难家庭发放燃气补贴不少于3000户。已发放3120户。", ((3000, 3120),)),
    # as many results as targets, 分别: they pair in order; one shared target gets a percent per result
    Case("森林覆盖率达到46.2%,湿地保护率达到58%,分别高于省定45%和55%的目标。", ((45, 46.2), (55, 58))),
    Case("优良率、达标率和覆盖率分别为92%、96%和45%,分别高于省定的90%、95%和40%的目标。",
         ((90, 92), (95, 96), (40, 45))),
    Case("新建公园、改造游园分别为6个、11处,分别超过年度目标5个、10处的任务。", ((5, 6), (10, 11))),
    Case("全年发生事故8起、死亡5人,均控制在市下达的控制指标(10起、7人)以内。", ((10, 8), (7, 5))),
    Case("全年新增省级以上品牌12个,计划目标10个。", ((10, 12),)),                     # two target nouns
    Case("完成投资5.2亿元,同比增长12%,占年度计划8亿元的65%。", ((8e8, 5.2e8),), 65),   # read past a distractor
    Case("完成河道清淤43公里,为年度目标40公里的1.08倍。", ((40, 43),)),                 # target_in_ratio_phrase
    Case("服务点覆盖率由62%提升至81%,高于75%的年度目标。", ((75, 81),)),               # an end value with a target
    # a target of the year takes the year's figure, not the project's cumulative one
    Case("片区改造项目总投资18亿元,年度计划投资5亿元,今年完成投资4.6亿元,累计完成投资11.2亿元。", ((5e8, 4.6e8),)),
    Case("全年新开工项目目标60个,上半年已开工35个,截至9月底累计开工52个。", ((60, 52),)),
    Case("新改建农村户厕2100户,完成率105%,年度任务2000户。", ((2000, 2100),), 105),   # percent before the target
    Case("每万人口发明专利拥有量达到8.6件,年度目标8件。", ((8, 8.6),)),                # a per-capita figure with a target
    Case("新建示范园3个、示范村12个,分别完成年度任务(示范园、示范村各10个)的30%和120%。",
         ((10, 3), (10, 12)), 30),
    # a period word names nothing: the clause after the target reports on it with the same verb
    Case("全年拟新增公益岗位300个,前三季度新增326个,帮助困难人员再就业41人。", ((300, 326),)),
    # a percent that is the completed share confirms a result no result word marks
    Case("职教中心实训楼计划投资2400万元,截至8月底到位资金1800万元,完成75%。", ((2.4e7, 1.8e7),), 75),
    Case("新建村级文化广场9个,年度计划为12个,完成率75%。", ((12, 9),), 75),
    Case("全年发放助学金近900万元,完成年初预期目标(800万元左右)的112.5%。", ((8e6, 9e6),), 112.5),
    Case("省里下达的植树任务为30万株,县里自我加压定为35万株,目前已植树36万株。", ((3e5, 3.6e5), (3.5e5, 3.6e5))),
    Case("全年争取专项资金目标为6亿—8亿元,已到位6.9亿元。", ((6e8, 6.9e8),)),
    # a clause of nothing but a target word and its number names the target of the result before it
    Case("规模以上工业增加值增长6.8%,年度目标为6.5%。", ((6.5, 6.8),)),
    # a target label in brackets may carry a comparison word before the number
    Case("水质达标率达到93.1%(目标:不低于90%)。", ((90, 93.1),)),
    # a result clause without a subject of its own after a ; reports on the target before it
    Case("新建村卫生室目标:12所;已建成8所,其余4所主体完工。", ((12, 8),)),
    # a target read from its place does not take a result past another target of its kind
    Case("全年安排民生项目40个,计划投资18亿元;新开工项目目标任务25个,截至6月底已开工19个。", ((25, 19),)),
    # a heading line of its own, then a first sentence that states the task and its target
    Case("农村饮水提升\n计划投资3200万元,实施供水工程18处。全年累计完成投资2950万元。", ((3.2e7, 2.95e7),)),
    # a target after its result, in the next clause, saying the same thing
    Case("完成古建筑修缮项目5处,年度计划修缮7处,其余2处延至明年。", ((7, 5),)),
    # a qualifier word after a number (以内, 左右) belongs to its slot
    Case("项目审批时间压缩至15个工作日以内,年初目标为20个工作日。", ((20, 15),)),
    # 其中 with a target word opens a target of its own
    Case("其中新建充电桩目标500个,已建成468个。", ((500, 468),)),
    # a restated target in brackets is the first one, unless that one has a pair of its own
    Case("新建驿站12个,超额完成10个的年度目标;新增书屋8个,完成年度任务(10个)的80%。", ((10, 12), (10, 8))),
    # targets listed (将…列为: 将 is no plan word here), then their results and percents in the same order
    Case("县里将改造供水管网40公里、新建污水站6座和整治河道12公里列为年度任务,前三季度分别完成32公里、"
         "3座和9公里,分别完成年度任务的80%、50%和75%。", ((40, 32), (6, 3), (12, 9)), 80),
    Case("将培训电工300人、焊工200人列入计划,目前分别完成270人和150人。", ((300, 270), (200, 150))),
    Case("新增就业5000人以上、零就业家庭动态清零率控制在2%以内,上半年分别完成3100人和1.5%,"
         "分别完成年度任务的62%和75%。", ((5000, 3100), (2, 1.5)), 62),
    # a count after a target of its sentence reports on that target (已有3家完成…)
    Case("新增专精特新企业计划5家,已有3家完成认定。", ((5, 3),)),
    # an amount with no cue word, then a clause of what is already done of it
    Case("交通方面,修缮乡村道路45公里,改造农村公路桥梁14座,已完工11座。", ((14, 11),)),
    # a performance self-evaluation written as prose: 指标值 names the target
    Case("“群众满意度”年度指标值为90%,实际完成值为94.5%。", ((90, 94.5),)),
    # 以下主要指标: a list of targets announced by 指标 before a colon, reported on in the next paragraph
    Case("年初确定了以下主要指标:新建公园8个;改造供水管网30公里;新增托位500个。\n截至11月底,上述指标进展如下:"
         "新建公园7个;改造供水管网31.5公里;新增托位460个。", ((8, 7), (30, 31.5), (500, 460))),
    # a result, then a clause naming the year's target
    Case("新签约项目到位资金1.8亿元,年初确定的全年引资目标为3亿元左右,还需加力。", ((3e8, 1.8e8),)),
    Case("开展家政培训2,160人次,全年目标为不少于两千人次。", ((2000, 2160),)),
    # a target between owns the result of its own unit; 計畫 (Taiwan) is 计划
    Case("新增限額以上商貿企業確保150家、力爭180家，實際新增163家，限額以上商貿企業總數達到2,418家。"
         "新引進億元以上商貿項目計畫45個，實際引進51個。", ((150, 163), (180, 163), (45, 51))),
    # two targets side by side share the result of the next sentence when it reports on both
    Case("年初确定税收收入确保完成6亿元、力争达到6.5亿元。截至9月底入库4.9亿元,分别完成确保目标的81.7%和力争目标的75.4%。",
         ((6e8, 4.9e8), (6.5e8, 4.9e8))),
    # a bound on a change on last year is a target; a per-capita increase (增收) may be one
    Case("农药使用量较上年减少5%以上,实际减少6.2%。", ((5, 6.2),)),
    Case("项目区农户人均增收不低于500元,经抽样测算为560元。", ((500, 560),)),
    # a budget and what was spent of it
    Case("部门全年预算数为3,200万元,全年执行数3,050万元。", ((3.2e7, 3.05e7),)),
    # the heading line states one bound for two rates; the next line reports both
    Case("垃圾分类覆盖率、资源化利用率均不低于80%\n前三季度分别达到84.5%和81.2%。", ((80, 84.5), (80, 81.2))),
    # a result word under a period still to come states the target of the figure reported done after it
    Case("年内实现城区污水收集率达到75%,目前已达到77.2%。", ((75, 77.2),)),
    # a list member with a result word after a comma stays in the list once a ; has shown it is one
    Case("今年重点抓好三项任务:完成户厕改造900户;新建污水站12座,污水治理率达到50%以上;硬化村道40公里。"
         "截至9月底,完成户厕改造860户,建成污水站10座,污水治理率达到52%,硬化村道33公里。",
         ((900, 860), (12, 10), (50, 52), (40, 33))),
    # 两项任务 points back at the targets listed: its 任务 announces none of the results after it
    Case("年初确定两项任务:新建公租房400套,改造棚户区1200户。两项任务目前分别完成380套和1260户。",
         ((400, 380), (1200, 1260))),
    # 稳定在 states the level to hold; 还将 what is still to come
    Case("渔业方面,水产品产量稳定在1.6万吨左右,实际产量1.68万吨。", ((16000, 16800),)),
    Case("下半年还将建设村级电商服务点5个,目前已完成布点规划。", ((5, None),)),
    # the count after a size class is the target when a target word opens the clause
    Case("力争引进1亿元以上项目8个,上半年已签约5个。", ((8, 5),)),
]


@pytest.mark.parametrize("case", RELATION_CASES, ids=lambda c: c.text[:14])
def test_relation(case):
    metrics = _align(case.text, case.plan)
    assert set(case.pairs) <= _pairs(metrics)
    if case.percent is not None:
        first = next(m for m in metrics if m.target and m.target.value == case.pairs[0][0])
        assert first.percent_reported == case.percent


def test_a_range_target_keeps_both_ends():
    (m,) = [m for m in _align("年初提出增长5%—5.5%的目标,全年实际增长5.2%。") if m.target]
    assert (m.target.value, m.target.value_max, m.actual.value) == (5, 5.5, 5.2)


def test_a_result_with_a_percent_of_plan_and_no_target():
    (m,) = _align("1—6月,全县固定资产投资完成97.6亿元,完成年度计划的52.8%;社会消费品零售总额68.4亿元。")
    assert (m.target, m.actual.value, m.percent_reported) == (None, 9.76e9, 52.8)


def test_an_unmeasured_first_number_is_a_result():
    (m,) = _align("全市新增就业3000人,完成全年任务的60%。")
    assert (m.target, m.actual.value, m.percent_reported) == (None, 3000, 60)


def test_a_numbered_item_keeps_the_target_of_its_heading_sentence():
    item = Item("三", 1, 1, progress="新建社区书屋12个。因场地调整,目前完成选址7处。", kind="outline")
    assert _pairs(align_outline_item(item, VOCAB).metrics) == {(12, None)}   # 选址7处 measures nothing
    unnumbered = Item(None, 1, 1, progress="全年发生火情6起。均已及时处置。", kind="outline")
    assert _pairs(align_outline_item(unnumbered, VOCAB).metrics) == set()     # a fact, not a task


def test_a_label_before_a_colon_names_a_clause_of_cue_words():
    (m,) = _align("公益性岗位安置:目标值600人,完成值640人。")
    assert (m.name, m.target.value, m.actual.value) == ("公益性岗位安置:目标值", 600, 640)


def test_a_share_of_plan_said_with_xiangdangyu():
    (m,) = _align("引进外资1.6亿元,相当于年度目标的80%。")
    assert (m.actual.value, m.percent_reported) == (1.6e8, 80)


def test_a_percent_of_plan_in_brackets_reports_on_the_result_before_it():
    metrics = _align("全年完成监督抽检2600批次(完成年度任务的104%),合格率达到98.1%。")
    assert [(m.target, m.actual.value, m.percent_reported) for m in metrics if m.percent_reported] == [(None, 2600, 104)]


def test_a_rate_equal_to_actual_over_target_is_the_percent_reported():
    (m,) = _align("年度计划新开工项目40个,上半年已开工22个,开工率55%。")
    assert (m.target.value, m.actual.value, m.percent_reported) == (40, 22, 55)
    (m,) = _align("年度计划新开工项目40个,上半年已开工22个,签约率90%。")
    assert m.percent_reported is None                 # a rate of something else


def test_a_number_no_word_marks_is_a_result_when_a_percent_of_plan_follows():
    (m,) = [m for m in _align("民生实事方面,新增公益岗位450个,完成年度任务的90%;参保率达到96%。") if m.percent_reported]
    assert (m.target, m.actual.value, m.percent_reported) == (None, 450, 90)


@dataclass(frozen=True)
class Distractor:
    text: str
    never: tuple           # values that are neither a target nor an actual
    pairs: tuple = ()      # pairs that must still be found


DISTRACTOR_CASES = [
    Distractor("全年计划质押融资30亿元,实际完成38.6亿元,超去年全年3倍以上。", (3,), ((3e9, 3.86e9),)),  # last year
    Distractor("全年计划新建口袋公园20个,实际建成23个,超额完成15%。", (15,), ((20, 23),)),            # excess
    Distractor("滨湖片区提升工程总投资12亿元,年度计划投资4亿元,已完成投资3亿元。", (1.2e9,), ((4e8, 3e8),)),  # total
    Distractor("计划新建厂房8万平方米,已建成6.2万平方米,同比增长15%。", (15,), ((80000, 62000),)),       # 同比
    Distractor("完成工业投资8亿元,占全县投资总量的35%,年度目标30%。", (35,)),                        # share of a total
    Distractor("年度目标出口额15亿元,实现出口12亿元,其中服务贸易占比28%。", (28,), ((1.5e9, 1.2e9),)),  # share
    Distractor("每万人拥有律师4.6名,全年计划新增律师20名,实际新增24名。", (4.6,), ((20, 24),)),        # per capita
    Distractor("人均可支配收入2.1万元,计划发放补贴3万元,实际发放2.8万元。", (21000,), ((30000, 28000),)),
    Distractor("提出将贷款利率由6.1%降至4.8%以内的目标,实际降至4.6%。", (6.1,), ((4.8, 4.6),)),       # start value
    Distractor("年初计划覆盖率达到70%,目前覆盖率由55%提高到72%。", (55,)),                            # before/after
    Distractor("新签约5000万元以上项目6个,力争全年签约20个以上,现已签约15个。", (5e7, 6), ((20, 15),)),  # size class
    Distractor("新建村级养老站40个(其中示范站10个),已建成32个。", (10,), ((40, 32),)),                 # subset
    Distractor("总投资任务30亿元,累计完成投资22亿元;其中今年完成8亿元。", (8e8,), ((3e9, 2.2e9),)),
    Distractor("计划改造小区24个,已完成18个,其余6个正在施工。", (6,), ((24, 18),)),                     # remainder
    Distractor("全年建成学校15所,比年初确定的10个年度目标多出5所。", (5,)),                              # difference
    Distractor("全年实现旅游收入58.6亿元,较年度目标50亿元多8.6亿元。", (8.6e8,), ((5e9, 5.86e9),)),
    Distractor("10项重点任务中已有7项完成,计划新建站点9个,已建成9个。", (10, 7), ((9, 9),)),           # summary count
    Distractor("计划改造管网30公里,已完成26公里,较上年提高1.5个百分点。", (1.5,), ((30, 26),)),        # 百分点
    Distractor("改造工程(2021—2024年)共400个,今年新建45个,累计建成380个。", (45,), ((400, 380),)),     # increment
    Distractor("道路养护完成率97%,计划新建桥梁4座,已建成3座。", (97,), ((4, 3),)),                      # rate, no target
    Distractor("年初提出地区生产总值增长6%的目标。全年地区生产总值达到2100亿元,增长6.4%。", (2.1e11,), ((6, 6.4),)),
    Distractor("开展“千村万户”行动,计划培训800人,实际培训860人。", (1000, 10000), ((800, 860),)),     # 万 in a name
    Distractor("全面完成“七个一”建设,计划新建站点12个,已建成12个。", (7,), ((12, 12),)),              # quoted name
    Distractor("年初还提出了两项惠民目标:新建公园5个,改造广场3个。到年底,这两项分别完成了6个和3个。",
               (2,), ((5, 6), (3, 3))),                                                 # count of targets, back reference
    Distractor("按照县十五届人大二次会议确定的任务,计划新建桥梁6座,已建成5座。", (2,), ((6, 5),)),     # session
    Distractor("全镇48个行政村全部完成改厕,计划新建公厕10座,已建成11座。", (48,), ((10, 11),)),       # whole area
    Distractor("年营收50万元以上的合作社达到36个,占61%,计划新建冷库5座,已建成5座。",                # size class with 的, direct share
               (500000, 36, 61), ((5, 5),)),
    Distractor("改造背街小巷20条(2022—2026年计划改造95条)。已完工16条。", (95,), ((20, 16),)),     # multi-year in brackets
    Distractor("工业投资统计口径为500万元以上,计划新建厂房8座,已建成9座。", (5e6,), ((8, 9),)),       # statistical threshold
    Distractor("实现文旅收入27.5亿元,完成年度目标(30亿元)的91.7%,距目标尚差2.5亿元。", (2.5e8,),
               ((3e9, 2.75e9),)),                                                        # difference
    Distractor("全年完成非税收入1.84亿元,比年度目标高出0.14亿元。", (1.4e7,)),
    Distractor("全年开展应急演练320场次,比计划多20场次。", (20,)),
    Distractor("确定的10件民生实事中,已完成7件,其余3件加快推进。", (10, 7, 3)),                 # summary count
    Distractor("12件实事,截至目前已有5件完成年度目标,计划新建驿站6个,已建成6个。", (12, 5), ((6, 6),)),  # count by status
    Distractor("9件实事中已有2件完成,5件进度过半,计划新建公厕8座,已建成8座。", (9, 2, 5), ((8, 8),)),  # summary count, more
    Distractor("低保标准提高到每月800元,较上年分别增加50元和40元,计划新建站点6个,已建成6个。", (50, 40), ((6, 6),)),
    Distractor("对年初确定的24项重点任务逐项梳理,计划新建驿站6个,已建成5个。", (24,), ((6, 5),)),  # report items
    Distractor("任务分解到15个部门和6个乡镇,计划新建书屋20个,已建成18个。", (15, 6), ((20, 18),)),   # handed to
    Distractor("年初确定了三项任务:新建泵站5座,改造渠道8公里,培训农民200人次。三项任务目前分别完成4座、6公里和230人次。",
               (3,)),                                                                                 # count of targets
    Distractor("全县42个重点项目中已开工39个,计划新建桥梁6座,已建成5座。", (42, 39), ((6, 5),)),     # summary count
    Distractor("截至9月底,已有6项完成年度目标,计划新建泵站5座,已建成4座。", (6,), ((5, 4),)),      # count by status
    Distractor("全年计划改造12个村,已有9个村完成改造。", (), ((12, 9),)),                         # a count with its noun is a result
    Distractor("今年确定的8件实事共涉及19个子项目,计划新建泵站5座,已建成4座。", (19,), ((5, 4),)),  # composition
    Distractor("本局内设科室7个。全年计划培训200人次,实际培训230人次。", (7,), ((200, 230),)),       # composition
    Distractor("设置一级指标3个、二级指标9个。全年计划检查企业80家,实际检查86家。", (3, 9), ((80, 86),)),  # indicator levels
    Distractor("力争培育20个以上“文明示范岗”开展创新志愿服务综合提升工作,共新增会员6230个,建档示范岗岗位540个。",
               (540, 6230)),                                                             # ten times the target
]


@pytest.mark.parametrize("case", DISTRACTOR_CASES, ids=lambda c: c.text[:14])
def test_distractor(case):
    metrics = _align(case.text)
    used = {q.value for m in metrics for q in (m.target, m.actual) if q is not None}
    assert not used & set(case.never)
    assert set(case.pairs) <= _pairs(metrics)


def test_every_pattern_compiles_and_every_slot_is_a_quantity():
    g = grammar(VOCAB)
    for p in g.roles + g.pairs + g.distractors:
        assert p.slots, p.name
        assert all(role in "TAPXQ" for _, role in p.slots)


def test_a_new_phrasing_is_a_line_of_yaml():
    words = {"target_noun": ["指标"]}
    pattern = compile_pattern("test", "{A}[,，]{near}对照{near}{T}{near}{target_noun}", words)
    text = "建成42座,对照40座的年度指标"
    qs = extract_quantities(text, VOCAB, simplified=True)
    slots, at = slotted(text, qs)
    assert slots.count(SLOT) == 2
    (roles,) = find_matches(pattern, slots, at)
    assert (roles["A"][0].value, roles["T"][0].value) == (42, 40)


def test_unknown_names_in_patterns_are_refused():
    with pytest.raises(ValueError, match="unknown name"):
        compile_pattern("bad", "{T}{nowhere}", {})


def test_a_config_adds_a_relation(tmp_path):
    import reportkit
    cfg = tmp_path / "c.yaml"
    cfg.write_text('relations:\n  words:\n    target_noun: [考核数]\n  pairs:\n'
                   '    - {name: compared, pattern: "{A}[,，]{near}对照{near}{T}{near}{target_noun}"}\n', encoding="utf-8")
    text = "某县工作情况\n\n一、建设\n建成42座,对照40座的考核数。\n"
    pairs = lambda rs: {(m["target_value"], m["actual_value"]) for r in rs for m in r.to_dict()["metrics"]}  # noqa: E731
    assert (40, 42) in pairs(reportkit.parse_text(text, config=str(cfg)))
    assert (40, 42) not in pairs(reportkit.parse_text(text))


def test_every_pattern_has_a_case():
    g = grammar(VOCAB)
    texts = [c.text for c in RELATION_CASES] + [d.text for d in DISTRACTOR_CASES]
    slotted_texts = []
    for text in texts:
        slotted_texts.append(slotted(text, extract_quantities(text, VOCAB, simplified=True)))
    for p in g.roles + g.pairs + g.distractors:
        assert any(find_matches(p, t, at) for t, at in slotted_texts), f"no case for pattern {p.name}"
