"""Table layouts end to end: text in, the fields of each record out."""
from __future__ import annotations

from typing import NamedTuple

import pytest
from click.testing import CliRunner

import reportkit
from reportkit.cli import cli
from reportkit.layout import holds_rows

FIELDS = ("item_no", "task", "target_value", "target_unit", "actual_value", "actual_unit", "percent_reported",
          "status")


class Case(NamedTuple):
    name: str
    text: str
    expected: list[tuple]


CASES = [
    # """Layouts of progress tables as they arrive from web pages, e-mail and PDF dumps
    # (invented content); each case isolates one property of real tables."""
    Case("group-headings-restart-numbering",
         "序号 | 项目名称 | 计划投资(万元) | 完成投资(万元) | 完成率 | 备注\n"
         "| 一、交通 | | | | | |\n| 1 | 北环路 | 800 | 400 | 50% | 进度较慢 |\n"
         "| 二、民生 | | | | | |\n| 1 | 南区学校 | 600 | 600 | 100% | 已完成 |\n",
         [("1", "北环路", 8000000, "元", 4000000, "元", 50, "behind"),
          ("1", "南区学校", 6000000, "元", 6000000, "元", 100, "complete")]),
    Case("no-header-word-numbered-rows",
         "1 | 口袋公园 | 6个 | 3个 | 50% | 正在施工\n2 | 社区食堂 | 10个 | 10个 | 100% | 已完成\n"
         "3 | 健身步道 | 12公里 | 9公里 | 75% | 序时推进\n",
         [("1", "口袋公园", 6, "个", 3, "个", 50, "in_progress"), ("2", "社区食堂", 10, "个", 10, "个", 100, "complete"),
          ("3", "健身步道", 12, "公里", 9, "公里", 75, "on_track")]),
    Case("second-metric-group-without-group-header",
         "序号\t项目\t计划数\t完成数\t完成率\t计划投资\t完成投资\t投资完成率\n1\t充电站\t10个\t8个\t80%\t500万元\t450万元\t90%\n",
         [("1", "充电站", 10, "个", 8, "个", 80, "in_progress")]),
    Case("unit-noted-in-remark",
         "序号 | 指标 | 目标 | 完成 | 备注\n1 | 新建绿道 | 12 | 9 | 单位：公里\n",
         [("1", "新建绿道", 12, "公里", 9, "公里", None, None)]),
    Case("unit-from-preamble-sum",
         "某市街区改造进度\n今年计划改造街区30条，已完成改造22条。\n\n区县 改造街区 完成 进度\n东城 10 8 80%\n西城 12 9 75%\n北城 8 5 62.5%\n",
         [("1", "东城", 10, "条", 8, "条", 80, "in_progress"), ("2", "西城", 12, "条", 9, "条", 75, "in_progress"),
          ("3", "北城", 8, "条", 5, "条", 62.5, "in_progress"),
          # the sentence before the table is read as prose, after the table's rows
          (None, "今年计划改造街区30条，已完成改造22条", 30, "条", 22, "条", None, None)]),
    Case("bracket-status-never-closed",
         "序号\n项目\n完成进度\n1\n新建驿站4个\n30%（未启动\n2\n修复步道3公里\n100%\n",
         [("1", "新建驿站4个", 4, "个", None, None, 30, "not_started"),
          ("2", "修复步道3公里", 3, "公里", None, None, 100, "complete")]),
    Case("flattened-rows-with-spaces-inside-cells",
         "某县民生实事进度\n\n序 号  项目 名称  单位  目标  完成  完成率\n1  城区 公厕 改造  座  20  15  75%\n"
         "2  农村 道路  公里  50  50  100%\n3  健身 广场  个  8  2  25%\n全县合计  -  78  67  -\n",
         [("1", "城区公厕改造", 20, "座", 15, "座", 75, "in_progress"), ("2", "农村道路", 50, "公里", 50, "公里", 100, "complete"),
          ("3", "健身广场", 8, "个", 2, "个", 25, "in_progress")]),
    Case("letter-spaced-headers-place-rows-units-line",
         "各街道棚改进度\n\n街\u3000道    年度任务    已开工    已完工    完工率    备\u3000注\n"
         "          （套）      （套）    （套）    （%）\n"
         "东湖街道    800         760       700       87.5\n南岭街道    500         500       480       96.0      扫尾中\n"
         "合\u3000计    1300        1260      1180      90.8\n",
         [("1", "东湖街道", 800, "套", 700, "套", 87.5, "in_progress"),
          ("2", "南岭街道", 500, "套", 480, "套", 96, "in_progress")]),
    Case("share-of-plan-under-a-two-level-header",
         "单位：万元\n序号\t项目名称\t总投资\t年度计划投资\t1—6月完成投资\t\t备注\n"
         "\t\t\t\t完成额\t占年度计划（%）\t\n1\t北岸码头\t9000\t3000\t1500\t50.0\t正在推进\n"
         "2\t西郊水厂\t4000\t2000\t2000\t100.0\t已完工\n",
         [("1", "北岸码头", 30000000, "元", 15000000, "元", 50, "in_progress"),
          ("2", "西郊水厂", 20000000, "元", 20000000, "元", 100, "complete")]),
    Case("cell-per-line-with-merged-field-cells-and-starred-items",
         "序号\n所属\n领域\n项目\n目标\n完成\n完成率\n1\n住房保障\n筹集保障性住房（套）\n900\n720\n80.0\n"
         "2\u2605\n棚户区改造（户）\n400\n400\n100.0\n3\n养老服务\n新增养老床位（张）\n300\n150\n50.0\n",
         [("1", "筹集保障性住房（套）", 900, "套", 720, "套", 80, "in_progress"),
          ("2", "棚户区改造（户）", 400, "户", 400, "户", 100, "complete"),
          ("3", "新增养老床位（张）", 300, "张", 150, "张", 50, "in_progress")]),
    Case("rate-column-names-its-count-units-line-under-the-numbers",
         "各县区棚改进度\n\n县（市、区）  年度计划  已开工  已建成  建成率  备\u3000注\n"
         "              （套）    （套）  （套）  （%）\n"
         "北城区        600       600     540     90.0\n南湖县        450       300     210     46.7    进度滞后\n"
         "合\u3000\u3000计      1050      900     750     71.4\n",
         [("1", "北城区", 600, "套", 540, "套", 90, "in_progress"),
          ("2", "南湖县", 450, "套", 210, "套", 46.7, "behind")]),
    Case("unit-column-naming-the-reporting-towns",
         "单位\t任务数\t完成数\t完成率\n石桥镇\t150\t90\t60%\n柳湾乡\t60\t60\t100%\n合计\t210\t150\t71.4%\n",
         [("1", "石桥镇", 150, None, 90, None, 60, "in_progress"),
          ("2", "柳湾乡", 60, None, 60, None, 100, "complete")]),
    Case("elapsed-time-column-is-not-the-progress",
         "序号\t重点任务\t年度目标\t序时进度\t完成进度\t是否完成\n1\t新建农贸市场\t4个\t75%\t50%\t否\n"
         "2\t改造背街小巷\t30条\t75%\t100%\t是\n",
         [("1", "新建农贸市场", 4, "个", None, None, 50, "in_progress"),
          ("2", "改造背街小巷", 30, "条", None, None, 100, "complete")]),
    Case("units-line-from-the-margin-stands-over-the-figures",
         "地区    年度计划    已建成    建成率\n（座）      （座）    （%）\n"
         "北塘    40          30        75.0\n南塘    20          20        100.0\n",
         [("1", "北塘", 40, "座", 30, "座", 75, "in_progress"),
          ("2", "南塘", 20, "座", 20, "座", 100, "complete")]),
    Case("pasted-cells-with-group-headings",
         "标题\n\n序号\n项目名称\n目标\n完成\n完成率\n一、就业\n1\n新增就业(人)\n500\n400\n80%\n2\n技能培训(人次)\n"
         "300\n300\n100%\n二、住房\n1\n老旧小区改造(个)\n10\n6\n60%\n",
         [("1", "新增就业(人)", 500, "人", 400, "人", 80, "in_progress"),
          ("2", "技能培训(人次)", 300, "人次", 300, "人次", 100, "complete"),
          ("1", "老旧小区改造(个)", 10, "个", 6, "个", 60, "in_progress")]),
    Case("pasted-cells-unknown-header-words",
         "重点事项进度\n\n编次\n事宜\n预定\n实际数\n比率\n1\n建设社区书屋\n10个\n8个\n80%\n2\n修缮古井\n5处\n5处\n100%\n"
         "3\n植树造林\n200亩\n120亩\n60%\n",
         [("1", "建设社区书屋", 10, "个", 8, "个", 80, "in_progress"), ("2", "修缮古井", 5, "处", 5, "处", 100, "complete"),
          ("3", "植树造林", 200, "亩", 120, "亩", 60, "in_progress")]),
    Case("hard-wrapped-header-crlf",
         "标题\r\n| 序号 | 工作任务 | 年度目标 | 责任单位 | 上半年完成情\r\n况 | 完成率 | 进度 |\r\n"
         "| 1 | 城镇新增就业 | 5200人 | 县人社局 | 新增就业2860人 | 55% | 序时推进 |\r\n"
         "| 2 | 新建公园 | 6个 | 县城管局 | 建成3个 | 50% |\r\n正常推进 |\r\n",
         [("1", "城镇新增就业", 5200, "人", 2860, "人", 55, "on_track"), ("2", "新建公园", 6, "个", 3, "个", 50, "on_track")]),
    Case("per-units-and-bare-money-magnitudes",
         "| 序号 | 项目 | 目标任务 | 完成情况 | 完成率 |\n| --- | --- | --- | --- | --- |\n"
         "| 1 | 提高护理补贴 | 不低于200元/月 | 210元/月 | 100% |\n| 2 | 管网改造 | 2.4亿 | 1.2亿 | 50% |\n"
         "| 3 | 供水工程 | 投资8000万 | 完成投资6000万 | 75% |\n",
         [("1", "提高护理补贴", 200, "元/月", 210, "元/月", 100, "complete"),
          ("2", "管网改造", 240000000, "元", 120000000, "元", 50, "in_progress"),
          ("3", "供水工程", 80000000, "元", 60000000, "元", 75, "in_progress")]),
    Case("space-aligned-name-wrapped-onto-its-own-line",
         "标题\n\n序号   项目名称           单位   目标   完成   完成率\n1      城镇老旧小区改造   个     30     20     66.7%\n"
         "       （含配套设施）\n2      农村公路           公里   50     40     80%\n3      公园   个   5   5   100%\n",
         [("1", "城镇老旧小区改造（含配套设施）", 30, "个", 20, "个", 66.7, "in_progress"),
          ("2", "农村公路", 50, "公里", 40, "公里", 80, "in_progress"), ("3", "公园", 5, "个", 5, "个", 100, "complete")]),
    Case("pasted-paragraph-wrapped-over-two-lines",
         "标题\n\n序号\n\n项目\n\n目标\n\n完成进度\n\n1\n\n新建城区公共停车场\n及配套充电设施\n\n20个\n\n80%（进度滞后）\n\n"
         "2\n\n改造道路\n\n5公里\n\n100%\n\n3\n\n修缮学校\n\n3所\n\n50%\n",
         [("1", "新建城区公共停车场及配套充电设施", 20, "个", None, None, 80, "behind"),
          ("2", "改造道路", 5, "公里", None, None, 100, "complete"), ("3", "修缮学校", 3, "所", None, None, 50, "in_progress")]),
    Case("group-rows-with-subtotals-two-level-header",
         "单位：万元\n序号\t项目\t计划\t\t完成\t\t完成率(%)\n\t\t总投资\t年度投资\t累计\t本年\t\n"
         "一\t文旅项目（2个）\t9000\t3000\t4100\t2400\t80.0\n1\t古镇游客中心\t5000\t2000\t3000\t1600\t80.0\n"
         "2\t滨湖绿道\t4000\t1000\t1100\t800\t80.0\n二\t水利项目（1个）\t6000\t2500\t2500\t2500\t100.0\n"
         "3\t东干渠改造\t6000\t2500\t2500\t2500\t100.0\n\t合计\t15000\t5500\t6600\t4900\t89.1\n",
         [("1", "古镇游客中心", 20000000, "元", 16000000, "元", 80, "in_progress"),
          ("2", "滨湖绿道", 10000000, "元", 8000000, "元", 80, "in_progress"),
          ("3", "东干渠改造", 25000000, "元", 25000000, "元", 100, "complete")]),
    Case("progress-words-beside-a-rate",
         "序号 | 项目名称 | 年度目标 | 已完成 | 完成率 | 形象进度\n1 | 污水管网 | 40公里 | 30公里 | 75% | 管道铺设，序时推进\n"
         "2 | 垃圾中转站 | 6座 | 2座 | 33.3% | 选址调整，进度滞后\n3 | 公共厕所 | 12座 | 12座 | 100% | 全部投用\n"
         "4 | 口袋公园 | 5个 | 3个 | 60% | 绿化施工\n",
         [("1", "污水管网", 40, "公里", 30, "公里", 75, "on_track"), ("2", "垃圾中转站", 6, "座", 2, "座", 33.3, "behind"),
          ("3", "公共厕所", 12, "座", 12, "座", 100, "complete"), ("4", "口袋公园", 5, "个", 3, "个", 60, "in_progress")]),
    Case("two-level-item-numbers-under-group-rows",
         "| 序号 | 任务 | 目标 | 完成 | 完成率 |\n| --- | --- | --- | --- | --- |\n| 一、城建 |  |  |  |  |\n"
         "| 1.1 | 雨污分流 | 12公里 | 6公里 | 50% |\n| 1.2 | 路灯改造 | 800盏 | 800盏 | 100% |\n| 二、教育 |  |  |  |  |\n"
         "| 2.1 | 新增学位 | 1500个 | 900个 | 60% |\n",
         [("1.1", "雨污分流", 12, "公里", 6, "公里", 50, "in_progress"),
          ("1.2", "路灯改造", 800, "盏", 800, "盏", 100, "complete"),
          ("2.1", "新增学位", 1500, "个", 900, "个", 60, "in_progress")]),
    Case("space-table-opening-with-a-group-line-status-in-progress-column",
         "某镇重点任务落实表\n序号  任务  单位  年度目标  已完成  完成率  推进情况\n一、农业农村\n"
         "1  高标准农田  亩  3000  2100  70%  序时推进\n2  农村改厕  户  500  150  30%  进度滞后\n二、社会事业\n"
         "1  老年食堂  个  4  4  100%  已完成\n",
         [("1", "高标准农田", 3000, "亩", 2100, "亩", 70, "on_track"), ("2", "农村改厕", 500, "户", 150, "户", 30, "behind"),
          ("1", "老年食堂", 4, "个", 4, "个", 100, "complete")]),
    Case("performance-indicator-table-rows-lose-merged-cells",
         "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 完成率 | 偏差原因 |\n|---|---|---|---|---|---|---|\n"
         "| 产出指标 | 数量指标 | 改造校舍 | 20所 | 18所 | 90 | 两所学校施工滞后 |\n| 配备图书 | 5万册 | 5万册 | 100 |\n"
         "|  | 质量指标 | 设备验收合格率 | ≥95% | 99% | 100 |  |\n",
         [("1", "改造校舍", 20, "所", 18, "所", 90, "behind"), ("2", "配备图书", 50000, "册", 50000, "册", 100, "complete"),
          ("3", "设备验收合格率", 95, "%", 99, "%", 100, "complete")]),
    Case("unit-cell-beside-the-reporting-office-total-in-number-column",
         "填报单位：某县财政局\t\t\t单位：万元\n序号\t项目\t计划投资\t完成投资\t完成率\n1\t乡村道路\t1,200\t900\t75%\n"
         "2\t文化礼堂\t300\t300\t100%\n合计\t\t1,500\t1,200\t80%\n",
         [("1", "乡村道路", 12000000, "元", 9000000, "元", 75, "in_progress"),
          ("2", "文化礼堂", 3000000, "元", 3000000, "元", 100, "complete")]),
    Case("csv-export-with-line-breaks-inside-quoted-cells",
         "某区为民办实事进度表,,,,\n,,,,\n序号,项目,目标,\"截至9月\n完成\",完成率\n1,\"新建\n停车泊位\",800个,\"已建成640个\n"
         "其余在施工\",80%\n2,加装电梯,60部,\"完成60部\",100%\n",
         [("1", "新建停车泊位", 800, "个", 640, "个", 80, "in_progress"), ("2", "加装电梯", 60, "部", 60, "部", 100, "complete")]),
    Case("taiwan-wording-of-progress",
         "項次\t計畫名稱\t年度目標值\t實際達成值\t達成率\t執行情形\n1\t汰換路燈\t3,000盞\t2,250盞\t75%\t依預定進度執行\n"
         "2\t社宅興建\t400戶\t160戶\t40%\t工程進度落後\n3\t植樹\t5,000株\t5,600株\t112%\t超額達成\n",
         [("1", "汰换路灯", 3000, "盏", 2250, "盏", 75, "on_track"), ("2", "社宅兴建", 400, "户", 160, "户", 40, "behind"),
          ("3", "植树", 5000, "株", 5600, "株", 112, "complete")]),
    Case("pipe-rows-hard-wrapped-inside-cells",
         "| 序号 | 项目 | 目标 | 完成情况 | 完成率 | 备注 |\n| 1 | 雨水管网 | 30公里 | 完成主管18公里、支管24公里 | 80% |\n"
         "推进中 |\n| 2 | 社区食堂 | 12个 | 已运营12个 | 100%\n| 已完成 |\n| 3 | 街巷照明 | 500盏 | 已安装200盏 | 40% | 进度偏慢，部分路段待\n"
         "管线迁改 |\n",
         [("1", "雨水管网", 30, "公里", 24, "公里", 80, "in_progress"), ("2", "社区食堂", 12, "个", 12, "个", 100, "complete"),
          ("3", "街巷照明", 500, "盏", 200, "盏", 40, "behind")]),
    Case("two-metric-groups-the-first-named-by-a-rate",
         "| 序号 | 类别 | 新建站点（个） | | | 投资（万元） | | |\n| | | 计划 | 已建成 | 建成率 | 计划 | 完成 | 完成率 |\n"
         "| 1 | 养老 | 10 | 8 | 80% | 500 | 420 | 84% |\n| 2 | 托育 | 6 | 6 | 100% | 300 | 300 | 100% |\n",
         [("1", "养老", 10, "个", 8, "个", 80, "in_progress"), ("2", "托育", 6, "个", 6, "个", 100, "complete")]),
    Case("target-words-naming-the-task-column",
         "序号\t目标任务\t年度目标\t1-9月完成\t完成率\n1\t新增城镇就业\t2800人\t2450人\t87.5%\n2\t改造农村公路\t60公里\t66公里\t110%\n",
         [("1", "新增城镇就业", 2800, "人", 2450, "人", 87.5, "in_progress"),
          ("2", "改造农村公路", 60, "公里", 66, "公里", 110, "complete")]),
    Case("header-repeated-after-a-page-break-keeps-the-units",
         "单位：万元\n| 序号 | 项目 | 计划投资 | 完成投资 | 完成率 |\n| 1 | 东环路 | 500 | 400 | 80% |\n\n— 1 —\n\f"
         "| 序号 | 项目 | 计划投资 | 完成投资 | 完成率 |\n| 2 | 西河桥 | 300 | 300 | 100% |\n",
         [("1", "东环路", 5000000, "元", 4000000, "元", 80, "in_progress"),
          ("2", "西河桥", 3000000, "元", 3000000, "元", 100, "complete")]),
    Case("spreadsheet-rates-written-as-fractions",
         "序号,项目,目标,完成,完成率\n1,新建驿站,20个,17个,0.85\n2,改造路灯,400盏,400盏,1\n3,修缮祠堂,5处,6处,1.2\n4,农村改厕,300户,240户,80\n",
         [("1", "新建驿站", 20, "个", 17, "个", 85, "in_progress"), ("2", "改造路灯", 400, "盏", 400, "盏", 100, "complete"),
          ("3", "修缮祠堂", 5, "处", 6, "处", 120, "complete"), ("4", "农村改厕", 300, "户", 240, "户", 80, "in_progress")]),
    Case("inspection-table-share-in-the-progress-text",
         "序号\t工作任务\t责任单位\t进展情况\t评价\n1\t新建充电桩600个\t县发改局\t已建成390个,完成年度任务的65%\t序时推进\n"
         "2\t改造老旧小区10个\t县住建局\t已完工10个\t按时完成\n3\t新建公厕20座\t县城管局\t已建成6座\t未按时完成\n",
         [("1", "新建充电桩600个", 600, "个", 390, "个", 65, "on_track"),
          ("2", "改造老旧小区10个", 10, "个", 10, "个", None, "complete"),
          ("3", "新建公厕20座", 20, "座", 6, "座", None, "behind")]),
    Case("cell-per-line-two-empty-cells-in-a-row",
         "序号\n项目\n目标\n完成\n完成率\n备注\n1\n新建驿站\n8个\n6个\n75%\n推进中\n2\n修复古桥\n3座\n\n\n未开工\n"
         "3\n新增泊位\n500个\n520个\n104%\n超额完成\n",
         [("1", "新建驿站", 8, "个", 6, "个", 75, "in_progress"), ("2", "修复古桥", 3, "座", None, None, None, "not_started"),
          ("3", "新增泊位", 500, "个", 520, "个", 104, "complete")]),
    Case("audit-rectification-table",
         "单位：万元,,,,,\n序号,审计发现问题,涉及金额,已整改金额,整改率,整改状态\n1,专项资金闲置,\"2,400\",\"1,800\",75%,正在推进\n"
         "2,未按规定公开采购意向,,,,已完成\n3,多计工程价款,560,560,100%,已完成\n",
         [("1", "专项资金闲置", 24000000, "元", 18000000, "元", 75, "in_progress"),
          ("2", "未按规定公开采购意向", None, None, None, None, None, "complete"),
          ("3", "多计工程价款", 5600000, "元", 5600000, "元", 100, "complete")]),
    Case("unit-column-wins-over-the-preamble",
         "全区纳入考核的8项指标中，6项进展顺利。\n\n序号 | 指标名称 | 单位 | 年度目标 | 1-9月 | 完成率\n"
         "1 | 一般公共预算收入 | 亿元 | 26.5 | 19.61 | 74%\n2 | 地区生产总值增速 |  | 6.5 | 6.2 | —\n",
         [("1", "一般公共预算收入", 2650000000, "元", 1961000000, "元", 74, "in_progress"),
          ("2", "地区生产总值增速", 6.5, None, 6.2, None, None, None)]),
    Case("hong-kong-variant-forms",
         "| 序號 | 項目 | 目標 | 完成 | 完成率 |\n| 1 | 後巷衞生改善 | 20條 | 16條 | 80% |\n| 2 | 單車徑綫路擴展 | 12公里 | 12公里 | 100% |\n",
         [("1", "后巷卫生改善", 20, "条", 16, "条", 80, "in_progress"), ("2", "单车径线路扩展", 12, "公里", 12, "公里", 100, "complete")]),
    Case("a-class-bound-is-no-target",
         "序号 | 任务 | 目标 | 完成 | 完成率\n1 | 薄弱村帮扶 | 年收入5万元以下村全部退出（24个） | 已退出18个 | 75%\n",
         [("1", "薄弱村帮扶", 24, "个", 18, "个", 75, "in_progress")]),
    Case("sub-step-done-is-not-complete",
         "序号 | 项目 | 目标 | 完成 | 完成率 | 备注\n1 | 智慧停车 | 2套 | 1套 | 50% | 设备采购已完成，正在安装\n",
         [("1", "智慧停车", 2, "套", 1, "套", 50, "in_progress")]),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_table_layouts(case):
    records = reportkit.parse_text(case.text)
    assert [tuple(getattr(r, f) for f in FIELDS) for r in records] == case.expected


def test_header_dates_and_an_office_column_named_unit():
    text = ("序号 | 项目 | 2024年目标 | 截至9月底完成 | 单位 | 完成率\n1 | 新建公厕 | 20座 | 15座 | 县城管局 | 75%\n"
            "2 | 修路 | 30公里 | 30公里 | 县交通局 | 100%\n")
    records = reportkit.parse_text(text)
    assert [(r.target_value, r.actual_value, r.as_of, r.extra) for r in records] == [
        (20, 15, "2024-09-30", {"单位": "县城管局"}), (30, 30, "2024-09-30", {"单位": "县交通局"})]


def test_a_group_restarting_the_numbering_is_not_a_duplicate():
    records = reportkit.parse_text(CASES[0].text)
    assert [r.table for r in records] == [1, 2]
    assert [r.category for r in records] == ["一、交通", "二、民生"]
    assert not any("duplicate_item_no" in r.flags for r in records)


def test_group_rows_name_their_items_and_the_rate_picks_the_actual():
    case = next(c for c in CASES if c.name.startswith("group-rows-with-subtotals"))
    records = reportkit.parse_text(case.text)
    assert [r.category for r in records] == ["文旅项目（2个）", "文旅项目（2个）", "水利项目（1个）"]
    # 累计 (since the project began) stays as an extra column: the rate measures 本年
    assert [r.extra.get("累计") for r in records] == ["3000", "1100", "2500"]


def test_csv_records_keep_the_lines_they_span():
    case = next(c for c in CASES if c.name.startswith("csv-export"))
    result = reportkit.parse_bytes(case.text.encode("utf-8"))
    assert [(r.line_start, r.line_end) for r in result.records] == [(5, 7), (8, 8)]
    assert result.document.title == "某区为民办实事进度表" and not result.document.unparsed


def test_second_group_is_a_second_metric():
    (r,) = reportkit.parse_text(CASES[2].text)
    second = r.metrics[1].to_dict()
    assert (second["target_value"], second["actual_value"], second["percent_reported"]) == (5000000, 4500000, 90)


@pytest.mark.parametrize("text,rows", [
    ("已完成6个\n| 2 | 改造 | 5个 |\n| 3 | 新建 | 2个 |", True),
    ("甲\n2\n乙\n3\n丙", True),
    ("1.完成方案\n2.启动招标", False),
    ("20\n21\n105%", True),   # bare numbers of one cell each in sequence look like rows
    ("完成管网5公里，其中2公里已通水", False),
])
def test_holds_rows(text, rows):
    assert holds_rows(text) is rows


def test_explain_names_layout_roles_and_context_units(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("单位：万元\n序号\t项目\t年度计划投资\t完成投资\t进度\n1\t水厂\t300\t150\t50%\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["parse", str(f), "--explain", "-f", "jsonl"])
    assert r.exit_code == 0
    assert "table 1: found by delimited (cells split by tabs)" in r.stderr
    assert "column 3 '年度计划投资': target from header+arithmetic, unit 万元 from unit line" in r.stderr
    assert "columns 3, 4, 5: target, actual, percent" in r.stderr
    assert "column 1 '序号': item_no from header" in r.stderr


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TASKS = st.text(alphabet="新建改造城区农村道路公园站点学校社区", min_size=3, max_size=8)
_ROW = st.tuples(_TASKS, st.integers(1, 5000), st.sampled_from(["个", "公里", "人", "所"]), st.integers(0, 5000),
                 st.sampled_from(["", "序时推进", "进度滞后"]))


def _render(rows, layout, drop=None):
    header = ["序号", "项目名称", "年度目标", "完成", "完成率", "备注"]
    body = [[str(i), t, f"{n}{u}", f"{m}{u}", f"{round(m / n * 100, 1)}%", r]
            for i, (t, n, u, m, r) in enumerate(rows, 1)]
    if drop is not None:  # one empty cell in the middle row, vanished in the dump
        body[len(body) // 2][drop] = ""
    if layout == "pipe":
        return "\n".join("| " + " | ".join(c for c in cells) + " |" for cells in [header] + body)
    if layout == "cells":  # one cell per line; an empty remark vanishes
        return "\n".join(c for cells in [header] + body for c in cells if c)
    return "\n".join("  ".join(c for c in cells if c) for cells in [header] + body)  # flattened HTML


@settings(max_examples=80, deadline=None)
@given(st.lists(_ROW, min_size=3, max_size=8), st.sampled_from(["pipe", "cells", "flat"]),
       st.sampled_from([None, 3, 4]))
def test_any_table_in_any_layout_round_trips(rows, layout, drop):
    """The same rows, written as a pipe table, pasted one cell per line, or
    flattened to space-separated rows, read back to the same figures, also
    when the actual or the percent of one row vanished."""
    text = _render(rows, layout, drop if layout != "pipe" else None)
    records = reportkit.parse_text("某县民生实事进展情况\n\n" + text)
    got = [(r.item_no, r.target_value, r.target_unit, r.actual_value, r.percent_reported) for r in records]
    want = [(str(i), n, u, m, round(m / n * 100, 1)) for i, (t, n, u, m, r) in enumerate(rows, 1)]
    if drop is not None and layout != "pipe":
        k = len(rows) // 2
        want[k] = want[k][:3] + ((None, want[k][4]) if drop == 3 else (want[k][3], None))
    assert got == want


def test_rival_progress_groups_are_told_apart_where_their_headers_differ():
    # real table 02: under one group naming what was done (完成投资), 在建住房 and 完成住房
    # each had an actual and a percent of plan; both headers read as "done" as a whole, and the
    # first (在建) won. Where the two headers differ, only 完成住房 names work done.
    text = ("某县2024年农村危房改造进度表\n"
            "| 地区 | 计划(户) | 完成投资 | | | |\n"
            "| | | 在建住房(户) | 占计划(%) | 完成住房(户) | 占计划(%) |\n"
            "| 东城镇 | 200 | 150 | 75.0 | 50 | 25.0 |\n"
            "| 西城镇 | 100 | 40 | 40.0 | 60 | 60.0 |\n"
            "| 南城镇 | 80 | 20 | 25.0 | 60 | 75.0 |\n")
    got = [(r.target_value, r.actual_value, r.percent_reported) for r in reportkit.parse_text(text)]
    assert got == [(200, 50, 25), (100, 60, 60), (80, 60, 75)]
