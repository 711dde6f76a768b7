/// News written lead-first, in our own words, each with the two sentences an editor would keep:
/// the lede, and the later sentence that carries the story's core (the one the rest of the
/// report keeps coming back to). Background and colour sit between them, and in the last two the
/// lede shares few words with the body, so that centrality alone misses it.
let measuredArticles: [(text: String, title: String, reference: [Int])] = [
    (
        """
        Flood waters forced twelve thousand families from their homes in central Vietnam on Monday after three days of rain.
        The region is known for its old trading town and its beaches.
        Tourists were seen taking photographs from a bridge in the afternoon.
        Officials said the flood waters had reached the roofs of homes in four provinces and that more rain was forecast.
        Rescue boats carried families from flooded homes to schools on higher ground.
        The army sent soldiers and boats to the provinces where flood waters rose fastest.
        A local market reopened on Tuesday.
        """,
        "Floods force thousands from homes in Vietnam", [0, 3]
    ),
    (
        """
        Japan's parliament passed a budget on Friday that raises defence spending for a fifth year.
        Cherry trees along the river near the building had not yet flowered.
        The session began with a minute of silence for a former member.
        The budget raises defence spending to its highest share of the economy since the war, the finance ministry said.
        Opposition members said the defence spending would be paid for with new bonds rather than taxes.
        The finance ministry said the budget keeps spending on pensions at last year's level.
        Lawmakers will return in April.
        """,
        "Japan passes budget raising defence spending", [0, 3]
    ),
    (
        """
        India's election commission announced on Tuesday that voting in three states will take place over five days in May.
        The commission's offices sit in a quiet street in the capital.
        Reporters waited in the heat for several hours before the announcement.
        The commission said voting in the three states would use electronic machines at every polling station for the first time.
        Parties in the three states welcomed the voting dates and began naming candidates.
        Voting machines will be tested in each of the states in April, the commission said.
        Results are expected in June.
        """,
        "India sets dates for voting in three states", [0, 3]
    ),
    (
        """
        Voters in Taipei chose a new mayor on Saturday, ending two decades of rule by one party in the capital.
        Snack stalls near the city hall did brisk business through the evening.
        Election officials said turnout in the city reached 68 per cent, the highest turnout in a city election, as young voters came out in large numbers.
        Young voters said housing costs in the city were their main concern.
        Turnout among young voters in the city was higher than in any earlier election, officials said.
        Counting in the city ended shortly before midnight.
        The new mayor takes office in December.
        """,
        "Taipei elects new mayor", [0, 2]
    ),
    (
        """
        Malaysia's central bank left its benchmark rate unchanged on Thursday, saying price pressures had eased.
        Economists had been divided before the meeting.
        The bank said inflation in the country had slowed for three months as fuel and food prices fell, and that growth in the country remained steady.
        Fuel prices in the country fell in October after a cut in global oil prices.
        Food prices in the country also fell as harvests improved, the bank said.
        The ringgit was little changed.
        The next meeting is in January.
        """,
        "Malaysia holds rates", [0, 2]
    ),
]
