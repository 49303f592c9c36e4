"""The trailing agency clause of a provision: roles, carried prefixes and suffixes, flags."""

import pytest

from dbay.build.agencies import AgencyClause, AgencyMention, declares_first_listed_lead, parse_agency_clause
from dbay.build.agency_clauses import is_agency_line, split_agency_clause


def parse(clause: str) -> AgencyClause:
    parsed = parse_agency_clause(clause)
    assert parsed is not None, clause
    return parsed


def by_role(clause: AgencyClause) -> tuple[list[str], list[str]]:
    lead = [m.name for m in clause.mentions if m.role == "lead"]
    participating = [m.name for m in clause.mentions if m.role == "participating"]
    return lead, participating


@pytest.mark.parametrize(
    ("clause", "lead", "participating"),
    [
        (
            "省政務服務和數據管理局牽頭,省委金融辦,省發展改革委、科技廳、工業和信息化廳、國資委按職責分工負責",
            ["省政務服務和數據管理局"],
            ["省委金融辦", "省發展改革委", "省科技廳", "省工業和信息化廳", "省國資委"],
        ),
        (
            "省委網信辦,省農業農村廳、政務服務和數據管理局牽頭,省工業和信息化廳、人力資源社會保障廳、"
            "交通運輸廳、廣電局、能源局,省供銷合作聯社按職責分工負責",
            ["省委網信辦", "省農業農村廳", "省政務服務和數據管理局"],
            [
                "省工業和信息化廳",
                "省人力資源社會保障廳",
                "省交通運輸廳",
                "省廣電局",
                "省能源局",
                "省供銷合作聯社",
            ],
        ),
        (
            "省政務服務和數據管理局、住房城鄉建設廳按職責分工負責",
            [],
            ["省政務服務和數據管理局", "省住房城鄉建設廳"],
        ),
        ("省科技廳、工業和信息化廳牽頭", ["省科技廳", "省工業和信息化廳"], []),
        ("國家金融監督管理總局廣東監管局牽頭", ["國家金融監督管理總局廣東監管局"], []),
        (
            "省委國安辦、省委網信辦,省保密局、密碼管理局,省公安廳、政務服務和數據管理局,省通信管理局按職責分工負責",
            [],
            [
                "省委國安辦",
                "省委網信辦",
                "省保密局",
                "省密碼管理局",
                "省公安廳",
                "省政務服務和數據管理局",
                "省通信管理局",
            ],
        ),
        (
            "省委金融辦,省供銷合作聯社,中國人民銀行廣東省分行、國家金融監督管理總局廣東監管局、"
            "中國證券監督管理委員會廣東監管局按職責分工負責",
            [],
            [
                "省委金融辦",
                "省供銷合作聯社",
                "中國人民銀行廣東省分行",
                "國家金融監督管理總局廣東監管局",
                "中國證券監督管理委員會廣東監管局",
            ],
        ),
        (
            "省公安廳、司法廳,省法院,省檢察院按職責分工負責",
            [],
            ["省公安廳", "省司法廳", "省法院", "省檢察院"],
        ),
        (
            "省政務服務和數據管理局牽頭,省公安廳,廣州、深圳、珠海出入境邊防檢查總站,中國人民銀行廣東省分行等有關單位按職責分工負責",
            ["省政務服務和數據管理局"],
            [
                "省公安廳",
                "廣州出入境邊防檢查總站",
                "深圳出入境邊防檢查總站",
                "珠海出入境邊防檢查總站",
                "中國人民銀行廣東省分行",
            ],
        ),
        (
            "省發展改革委、司法廳、市場監管局、政務服務和數據管理局按職責分工負責",
            [],
            ["省發展改革委", "省司法廳", "省市場監管局", "省政務服務和數據管理局"],
        ),
        ("省海洋綜合執法總隊、廣東海事局按職責分工負責", [], ["省海洋綜合執法總隊", "廣東海事局"]),
        ("省委國安辦、網信辦牽頭", ["省委國安辦", "省委網信辦"], []),
        ("省委政法委牽頭", ["省委政法委"], []),
        # Simplified script, ASCII and full-width punctuation.
        (
            "省政务服务和数据管理局牵头，省委金融办，省发展改革委、科技厅、市场监管局按职责分工负责",
            ["省政务服务和数据管理局"],
            ["省委金融办", "省发展改革委", "省科技厅", "省市场监管局"],
        ),
        # A marker governs the whole run of groups before it, back to the previous marker.
        ("省科技廳牽頭,省財政廳,省教育廳配合", ["省科技廳"], ["省財政廳", "省教育廳"]),
    ],
)
def test_roles_and_restored_names(clause: str, lead: list[str], participating: list[str]) -> None:
    assert by_role(parse(clause)) == (lead, participating)


def test_written_keeps_the_bare_form() -> None:
    mentions = parse("省發展改革委、科技廳牽頭").mentions
    assert mentions[1] == AgencyMention(name="省科技廳", written="科技廳", role="lead", collective=False)
    border = parse("廣州、深圳、珠海出入境邊防檢查總站按職責分工負責").mentions
    assert [m.written for m in border] == ["廣州", "深圳", "珠海出入境邊防檢查總站"]


def test_collective_members_tail_carries_back() -> None:
    clause = parse("粵港共建智慧城市群專責小組、粵澳共建智慧城市群專責小組各成員單位按職責分工負責")
    assert [(m.name, m.collective, m.role) for m in clause.mentions] == [
        ("粵港共建智慧城市群專責小組各成員單位", True, "participating"),
        ("粵澳共建智慧城市群專責小組各成員單位", True, "participating"),
    ]
    assert clause.mentions[0].written == "粵港共建智慧城市群專責小組"


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "省政務服務和數據管理局牽頭,各地級以上市“百千萬工程”指揮辦按職責分工負責",
            [
                ("省政務服務和數據管理局", "lead", False),
                ("各地級以上市“百千萬工程”指揮辦", "participating", True),
            ],
        ),
        ("各縱向幫扶單位按職責分工負責", [("各縱向幫扶單位", "participating", True)]),
        (
            "省發展改革委牽頭;各地級以上市人民政府負責",
            [("省發展改革委", "lead", False), ("各地級以上市人民政府", "participating", True)],
        ),
        (
            "省發展改革委牽頭；省科技廳配合",
            [("省發展改革委", "lead", False), ("省科技廳", "participating", False)],
        ),
    ],
)
def test_collectives_and_semicolons(clause: str, expected: list[tuple[str, str, bool]]) -> None:
    assert [(m.name, m.role, m.collective) for m in parse(clause).mentions] == expected


def test_open_ended() -> None:
    clause = parse("省政務服務和數據管理局牽頭,省工業和信息化廳、統計局等有關單位按職責分工負責")
    assert clause.open_ended
    assert not clause.applies_below
    assert by_role(clause) == (["省政務服務和數據管理局"], ["省工業和信息化廳", "省統計局"])
    assert clause.mentions[-1].written == "統計局"
    assert not parse("省科技廳牽頭,省財政廳按職責分工負責").open_ended


def test_applies_below_simplified_full_width() -> None:
    clause = parse("省工业和信息化厅牵头，省发展改革委等按职责分工负责，下同")
    assert clause.applies_below
    assert clause.open_ended
    assert by_role(clause) == (["省工业和信息化厅"], ["省发展改革委"])


def test_applies_below_alone_after_lead() -> None:
    clause = parse("省科技廳牽頭,下同")
    assert clause.applies_below
    assert [m.name for m in clause.mentions] == ["省科技廳"]


def test_flags_from_any_semicolon_part() -> None:
    clause = parse("省科技廳牽頭,下同;省財政廳等部門配合")
    assert clause.applies_below and clause.open_ended
    assert by_role(clause) == (["省科技廳"], ["省財政廳"])


def test_stray_spaces() -> None:
    clause = parse("省發展改革委、商務廳、政務服務和數據管理局,省稅務局按職責分工負責 ")
    assert by_role(clause) == ([], ["省發展改革委", "省商務廳", "省政務服務和數據管理局", "省稅務局"])
    assert clause.text == "省發展改革委、商務廳、政務服務和數據管理局,省稅務局按職責分工負責"


@pytest.mark.parametrize("clause", ["深圳", "CIM", "共建", "電力線、通信線、廣播電視線", "事業單位", "下同", "企業負責"])
def test_not_a_clause(clause: str) -> None:
    assert parse_agency_clause(clause) is None


def test_split_full_width_clause() -> None:
    text = "推進工業互聯網平台建設。（省工业和信息化厅牵头，省发展改革委等按职责分工负责，下同）  \n"
    body, clause, start = split_agency_clause(text)
    assert body == "推進工業互聯網平台建設。"
    assert start == text.index("（")
    assert clause is not None
    assert clause.text == "省工业和信息化厅牵头，省发展改革委等按职责分工负责，下同"
    assert clause.applies_below


def test_split_multiline_ascii_clause() -> None:
    text = "第一行。\n推進未來網絡試驗設施(深圳)建設。(省委政法委牽頭)"
    body, clause, start = split_agency_clause(text)
    assert body == "第一行。\n推進未來網絡試驗設施(深圳)建設。"
    assert start == text.rindex("(")
    assert clause is not None
    assert [(m.name, m.role) for m in clause.mentions] == [("省委政法委", "lead")]


@pytest.mark.parametrize(
    "text",
    [
        "推進未來網絡試驗設施(深圳)建設",
        "加快建設和完善城市信息模型(CIM)",
        "推進農村“三線”(電力線、通信線、廣播電視線)",
        "推動粵港澳大灣區數據跨境流動(共建)",
        "深化公益類事業單位改革(事業單位)",
        "沒有括號的條款。",
    ],
)
def test_split_leaves_non_clauses(text: str) -> None:
    assert split_agency_clause(text) == (text, None, -1)


def test_split_nested_parenthesis_inside_clause() -> None:
    text = "加強統籌。(省發展改革委牽頭,各地級以上市、縣(市、區)人民政府負責)"
    body, clause, start = split_agency_clause(text)
    assert body == "加強統籌。"
    assert start == 5
    assert clause is not None
    # 、 inside the nested parenthesis does not split; the outer 、 does, and 各地級以上市 borrows 人民政府.
    assert [(m.name, m.role) for m in clause.mentions] == [
        ("省發展改革委", "lead"),
        ("各地級以上市人民政府", "participating"),
        ("縣(市、區)人民政府", "participating"),
    ]


# Labelled clauses (责任单位：…, 牵头单位：…；配合单位：…), the first-listed rule, and elements that
# name no body.


@pytest.mark.parametrize(
    ("clause", "lead", "participating"),
    [
        ("责任单位：省发展改革委、省工业和信息化厅", [], ["省发展改革委", "省工业和信息化厅"]),
        ("責任單位：省發展改革委、工業和信息化廳", [], ["省發展改革委", "省工業和信息化廳"]),
        ("牵头单位：省科技厅；配合单位：省财政厅、教育厅", ["省科技厅"], ["省财政厅", "省教育厅"]),
        ("牵头单位：省科技厅\n配合单位：省财政厅", ["省科技厅"], ["省财政厅"]),
        ("【牵头单位】省商务厅【参与单位】省交通运输厅", ["省商务厅"], ["省交通运输厅"]),
        ("[责任单位]省科技厅，各地级以上市人民政府", [], ["省科技厅", "各地级以上市人民政府"]),
        ("责任单位:省科技厅；省财政厅", [], ["省科技厅", "省财政厅"]),
        ("协同单位：市公安局、司法局", [], ["市公安局", "市司法局"]),
        # Role markers inside a responsibility list decide the roles.
        ("责任单位：省发展改革委牵头，省科技厅、财政厅参与", ["省发展改革委"], ["省科技厅", "省财政厅"]),
        # After a lead label, a responsibility label lists the bodies that take part.
        ("牵头单位:省发展改革委;责任单位:省委编办、省自然资源厅", ["省发展改革委"], ["省委编办", "省自然资源厅"]),
        # A label's list need not say whose body it is: the label says it is a list of bodies.
        ("责任单位：财政局、税务局", [], ["财政局", "税务局"]),
    ],
)
def test_labelled_clauses(clause: str, lead: list[str], participating: list[str]) -> None:
    assert by_role(parse(clause)) == (lead, participating)


def test_labelled_open_ended_and_full_stop() -> None:
    clause = parse("责任单位：省委金融办、中国人民银行广东省分行等有关单位。")
    assert clause.open_ended
    assert by_role(clause) == ([], ["省委金融办", "中国人民银行广东省分行"])


@pytest.mark.parametrize(
    ("clause", "lead", "participating"),
    [
        ("责任单位：市政务服务和数据管理局、市委网信办、市公安局", ["市政务服务和数据管理局"], ["市委网信办", "市公安局"]),
        ("省科技厅、财政厅，各地级以上市人民政府", ["省科技厅"], ["省财政厅", "各地级以上市人民政府"]),
        # A marker or a role label overrides the rule: it applies only where nothing states roles.
        ("责任单位：省科技厅牵头，省财政厅", ["省科技厅"], ["省财政厅"]),
        ("配合单位：省科技厅、省财政厅", [], ["省科技厅", "省财政厅"]),
        ("省科技厅、财政厅按职责分工负责", [], ["省科技厅", "省财政厅"]),
        ("牵头单位：省发展改革委；责任单位：省委编办、省自然资源厅", ["省发展改革委"], ["省委编办", "省自然资源厅"]),
    ],
)
def test_first_listed_leads_where_declared(clause: str, lead: list[str], participating: list[str]) -> None:
    declared = parse_agency_clause(clause, first_listed_leads=True)
    assert declared is not None
    assert by_role(declared) == (lead, participating)


@pytest.mark.parametrize(
    ("text", "declares"),
    [
        ("各项任务的责任单位中，列第一位者为牵头单位，其他单位按职责分工配合。", True),
        ("（注：排在第一位的为牵头单位）", True),
        ("各項任務責任單位中，列第一位者為牽頭單位。", True),
        ("责任单位排在首位的是牵头单位", True),
        ("省发展改革委牵头，省科技厅配合。", False),
        ("列入第一批试点的单位", False),
    ],
)
def test_first_listed_declaration(text: str, declares: bool) -> None:
    assert declares_first_listed_lead(text) is declares


@pytest.mark.parametrize(
    ("clause", "lead", "participating"),
    [
        ("省发展改革委牵头，各地级以上市人民政府结合实际落实，下同", ["省发展改革委"], ["各地级以上市人民政府"]),
        ("各地級以上市人民政府結合實際落實，下同", [], ["各地級以上市人民政府"]),
        ("省商务厅牵头，省邮政管理局负责落实，以下同", ["省商务厅"], ["省邮政管理局"]),
        ("省科技厅牵头，结合实际落实", ["省科技厅"], []),
        ("省科技厅牵头，按职责分工负责", ["省科技厅"], []),
        ("省科技厅牵头，等有关单位按职责分工负责", ["省科技厅"], []),
    ],
)
def test_elements_that_name_no_body_are_no_agency(clause: str, lead: list[str], participating: list[str]) -> None:
    parsed = parse(clause)
    assert by_role(parsed) == (lead, participating)
    assert not any(word in m.name for m in parsed.mentions for word in ("落实", "落實", "下同", "负责", "等"))


@pytest.mark.parametrize("clause", ["结合实际落实，下同", "以下同", "等", "按职责分工负责", "负责落实"])
def test_a_clause_naming_no_body_is_none(clause: str) -> None:
    assert parse_agency_clause(clause) is None


def test_applies_below_variants() -> None:
    assert parse("省科技厅牵头，以下同").applies_below
    assert parse("省科技厅牵头，下同").applies_below
    assert parse("省科技厅牵头，下同。").applies_below
    assert parse("责任单位：省科技厅，下同").applies_below
    assert not parse("省科技厅牵头").applies_below


def test_city_data_bureau_keeps_its_own_prefix() -> None:
    # 市政 (municipal works) is no level prefix, but 市政务服务和数据管理局 is a 市 body.
    clause = parse("市委网信办、市政务服务和数据管理局牵头")
    assert [m.name for m in clause.mentions] == ["市委网信办", "市政务服务和数据管理局"]
    assert [m.name for m in parse("省住房城乡建设厅、市政公用局按职责分工负责").mentions] == ["省住房城乡建设厅", "省市政公用局"]


def test_split_responsibility_line_after_the_item() -> None:
    text = "开展评测。组织第三方机构编制评测指引。\n责任单位：省工业和信息化厅、省中小企业局"
    body, clause, start = split_agency_clause(text)
    assert body == "开展评测。组织第三方机构编制评测指引。"
    assert start == text.index("责任单位")
    assert clause is not None
    assert clause.text == "责任单位：省工业和信息化厅、省中小企业局"
    assert by_role(clause) == ([], ["省工业和信息化厅", "省中小企业局"])


def test_split_two_labelled_lines() -> None:
    text = "培育服务商。建立资源池。\n牵头单位：省工业和信息化厅\n配合单位：省市场监管局、省财政厅"
    body, clause, start = split_agency_clause(text)
    assert body == "培育服务商。建立资源池。"
    assert start == text.index("牵头单位")
    assert clause is not None
    assert by_role(clause) == (["省工业和信息化厅"], ["省市场监管局", "省财政厅"])


def test_split_label_after_the_last_sentence() -> None:
    text = "加大金融支持力度。对符合条件的项目给予贷款贴息。责任单位：省委金融办、省财政厅"
    body, clause, start = split_agency_clause(text)
    assert body == "加大金融支持力度。对符合条件的项目给予贷款贴息。"
    assert start == text.index("责任单位")
    assert clause is not None
    assert by_role(clause) == ([], ["省委金融办", "省财政厅"])


def test_split_labelled_parenthesis() -> None:
    text = "加强人才培训。每年培训五千人次。（责任单位：省人力资源社会保障厅，各地级以上市人民政府）"
    body, clause, start = split_agency_clause(text, first_listed_leads=True)
    assert body == "加强人才培训。每年培训五千人次。"
    assert start == text.index("（")
    assert clause is not None
    assert by_role(clause) == (["省人力资源社会保障厅"], ["各地级以上市人民政府"])


@pytest.mark.parametrize(
    "text",
    [
        "明确责任单位：各地要落实属地责任。",  # a label inside a sentence is no clause
        "第一行。\n责任单位：要细化分工",  # a label whose list names no body
        "责任单位：省科技厅",  # a provision that is nothing but a label keeps its text
    ],
)
def test_split_leaves_label_like_text(text: str) -> None:
    assert split_agency_clause(text) == (text, None, -1)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("责任单位：省科技厅", True),
        ("【牵头单位】省科技厅", True),
        ("配合单位:省财政厅", True),
        ("  責任單位：省科技廳", True),
        ("主要任务", False),
        ("责任落实", False),
    ],
)
def test_is_agency_line(line: str, expected: bool) -> None:
    assert is_agency_line(line) is expected


def test_only_the_part_that_says_below_is_carried() -> None:
    # 下同 closes the second semicolon part: the following items inherit the cities, not the
    # bodies the first part names for this item alone.
    clause = parse("省发展改革委牵头，省科技厅按职责分工负责；各地级以上市人民政府结合实际落实，下同")
    assert [m.name for m in clause.mentions] == ["省发展改革委", "省科技厅", "各地级以上市人民政府"]
    assert [m.name for m in clause.below().mentions] == ["各地级以上市人民政府"]
    # in a clause of one part, 下同 carries the whole of it
    assert [m.name for m in parse("省科技厅牵头，省财政厅配合，下同").below().mentions] == ["省科技厅", "省财政厅"]


def test_a_district_government_names_its_own_place() -> None:
    clause = parse("市委网信办牵头，市商务局、南沙区人民政府、从化区委按职责分工负责")
    assert [m.name for m in clause.mentions] == ["市委网信办", "市商务局", "南沙区人民政府", "从化区委"]
    # a body without a place of its own still takes the level prefix carried over the list
    assert [m.name for m in parse("市商务局、南沙区人民政府、科技局牵头").mentions] == ["市商务局", "南沙区人民政府", "市科技局"]


def test_a_list_of_places_shares_the_body_name_of_its_last_item() -> None:
    # 各市、特区、区人民政府: three kinds of county-level government, each a 人民政府
    clause = parse("责任单位：市大数据局，各市、特区、区人民政府")
    assert [m.name for m in clause.mentions] == ["市大数据局", "各市人民政府", "特区人民政府", "区人民政府"]
    # a list that shares a longer name still borrows what follows the last place's own length
    names = [m.name for m in parse("省公安厅，广州、深圳、珠海出入境边防检查总站按职责分工负责").mentions]
    assert names[1:] == ["广州出入境边防检查总站", "深圳出入境边防检查总站", "珠海出入境边防检查总站"]
    names = [m.name for m in parse("省政务服务和数据管理局牵头，广州、深圳、珠海市人民政府配合").mentions]
    assert names[1:] == ["广州市人民政府", "深圳市人民政府", "珠海市人民政府"]


def test_square_brackets_and_compound_labels_close_an_item() -> None:
    body, clause, _ = split_agency_clause("推进高标准市场体系建设。〔责任单位：省发展改革委、省市场监管局按职责分工负责〕")
    assert body == "推进高标准市场体系建设。" and clause is not None
    assert [m.name for m in clause.mentions] == ["省发展改革委", "省市场监管局"]
    roles = parse("牵头责任单位：市数据管理局；相关责任单位：市工信局").mentions
    assert [(m.name, m.role) for m in roles] == [("市数据管理局", "lead"), ("市工信局", "participating")]


def test_a_labelled_list_may_name_places_and_task_forces() -> None:
    clause = parse("牵头单位：区发改局\n责任单位：区市场局，立山经济开发区，全区经济运行各专班")
    assert [(m.name, m.role) for m in clause.mentions] == [
        ("区发改局", "lead"),
        ("区市场局", "participating"),
        ("立山经济开发区", "participating"),
        ("全区经济运行各专班", "participating"),
    ]
    # without a label, a place is no body: the parenthesis stays text
    assert parse_agency_clause("立山经济开发区") is None


def test_a_named_class_of_bodies_after_etc_leaves_the_list_open() -> None:
    clause = parse("责任单位：省发改委、数据管理局等省直有关单位")
    assert [m.name for m in clause.mentions] == ["省发改委", "省数据管理局"] and clause.open_ended


def test_a_clause_before_the_last_full_stop_is_read() -> None:
    body, clause, start = split_agency_clause("增强创新能力。推进示范区建设（省科技厅牵头）。")
    assert (body, start) == ("增强创新能力。推进示范区建设", 14)
    assert clause is not None and [(m.name, m.role) for m in clause.mentions] == [("省科技厅", "lead")]


def test_officials_and_a_closing_note_are_no_agencies() -> None:
    clause = parse("分管副省长、协管副秘书长负责，省国资委牵头。明确牵头部门的，有关部门配合，不逐一列出，下同")
    assert [(m.name, m.role) for m in clause.mentions] == [("省国资委", "lead")]
    assert not clause.applies_below  # the note's 下同 is about the note, not the bodies
