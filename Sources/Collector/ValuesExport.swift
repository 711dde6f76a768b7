// The article model and the facts about articles live below the stages, in NewsValues; whoever
// imports Collector sees them as before.
@_exported import NewsValues
