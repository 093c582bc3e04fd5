function __loupe_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __loupe_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __loupe_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __loupe_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __loupe_parse_tokens -S
    set -l unparsed_tokens (__loupe_tokens -pc)
    switch $unparsed_tokens[1]
    case 'loupe'
        __loupe_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'query'
            __loupe_parse_subcommand -r 2 'c/count' 'v/invert-match' 'm/max-count=' 'n/line-number' 'H/with-filename' 'no-filename' 'q/quiet' 'help-query' 'color=' 'strict' 'threads=' 'input-format=' 'no-prefix' 'o/output=' 'approx' 'since=' 'until=' 'sorted' 'time-field=' 'merge' 'stats' 'f/follow' 'every=' 'engine=' 'version' 'h/help'
        case 'trace'
            __loupe_parse_subcommand -r 1 'trace=+' 'top=' 'critical-path' 'parallel' 'errors' 'logs=+' 'logs-all' 'waterfall' 'expand' 'width=' 'o/output=' 'min-count=' 'max-gap-ms=' 'min-saving-ms=' 'n-plus-one-min=' 'color=' 'strict' 'threads=' 'input-format=' 'no-prefix' 'version' 'h/help'
        case 'hotspots'
            __loupe_parse_subcommand -r 1 'top=' 'logs=+' 'folded' 'o/output=' 'min-count=' 'max-gap-ms=' 'min-saving-ms=' 'n-plus-one-min=' 'color=' 'strict' 'threads=' 'input-format=' 'no-prefix' 'version' 'h/help'
        case 'diff'
            __loupe_parse_subcommand 2 'trace=+' 'where=' 'min-change=' 'top=' 'report=' 'o/output=' 'min-count=' 'max-gap-ms=' 'min-saving-ms=' 'n-plus-one-min=' 'color=' 'strict' 'threads=' 'input-format=' 'no-prefix' 'version' 'h/help'
        case 'gate'
            __loupe_parse_subcommand -r 1 'baseline=+' 'write-baseline=' 'value=' 'by=+' 'where=' 'percentile=' 'alpha=' 'min-effect=' 'min-abs-ms=' 'min-samples=' 'correction=' 'budget=+' 'fail-on-missing' 'report=' 'junit=' 'github' 'allow-bad-input' 'all' 'o/output=' 'sample-size=' 'seed=' 'blame=' 'color=' 'strict' 'threads=' 'input-format=' 'no-prefix' 'version' 'h/help'
        case 'fields'
            __loupe_parse_subcommand -r 1 'color=' 'strict' 'threads=' 'input-format=' 'no-prefix' 'o/output=' 'version' 'h/help'
        case 'sql'
            __loupe_parse_subcommand 1 'dialect=' 'from=' 'cluster=' 'version' 'h/help'
        case 'help'
            __loupe_parse_subcommand -r 1 'version'
        end
    end
end

function __loupe_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __loupe_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __loupe_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __loupe_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__loupe_tokens -p)
    if test -z "$(__loupe_tokens -t)"
        set -l index (count (__loupe_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'loupe' -f
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'query' -d 'Print the records that match a query, or the table its stages compute.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'trace' -d 'Report each trace: its critical path, the calls that could run in parallel, where its errors start.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'hotspots' -d 'Across all traces: where errors start, which sequential calls recur, which operations own the critical path.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'diff' -d 'Compare two runs of a request: what changed per operation path, and what it cost.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'gate' -d 'Fail a CI job when latency regressed against a baseline or broke a budget.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'fields' -d 'List every field path in the records, with its types, how often it occurs and an example.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'sql' -d 'Print a query as ClickHouse or DuckDB SQL over JSON lines, to run where the data is.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe query" -ge 1' -F
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" c count' -s 'c' -l 'count' -d 'Print only the number of matching records (per file with several).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" invert-match v' -s 'v' -l 'invert-match' -d 'Select valid records that do not match.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" m max-count' -s 'm' -l 'max-count' -d 'Stop reading a file after N matching records.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" line-number n' -s 'n' -l 'line-number' -d 'Prefix each line with its line number.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" H with-filename' -s 'H' -l 'with-filename' -d 'Prefix each line with its file name (default with several files).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" no-filename' -l 'no-filename' -d 'Never prefix lines with the file name.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" q quiet' -s 'q' -l 'quiet' -d 'Print nothing; exit 0 at the first match.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" help-query' -l 'help-query' -d 'Print the query language reference.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" color' -l 'color' -d 'Colors: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" strict' -l 'strict' -d 'Stop at the first bad record with its file and line (exit 2) instead of skipping it; lines already printed stay, no table or count is printed. In a query, a limit, -m or -q shortens the output, not the reading.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" threads' -l 'threads' -d 'Worker threads (default: one per core; at most 1024).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" format input-format' -l 'input-format' -l 'format' -d 'Input format: jsonl, json (arrays, pretty or concatenated values), wrapped (the records in kubectl\'s List, an Elasticsearch response, aws logs events, CloudTrail Records), json-seq (RFC 7464), prefixed (text before the JSON), otlp, otlp-lines, jaeger, zipkin, otel-console (the OpenTelemetry SDK\'s console exporter), otlp-logs or otlp-logs-lines (default: detected from each input\'s first bytes; --format is the old name).' -rfka 'jsonl json wrapped json-seq prefixed otlp otlp-lines jaeger zipkin otel-console otlp-logs otlp-logs-lines'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" no-prefix' -l 'no-prefix' -d 'Read lines with text before their JSON (docker compose, kubectl --timestamps, syslog) as malformed lines, not as records with a _prefix field.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" o output' -s 'o' -l 'output' -d 'Table format: table, json, jsonl, csv, tsv, markdown (default: table on a terminal, tsv in a pipe); a time series (count by bucket(ts, 1m)) also chart, svg or html.' -rfka 'table json jsonl csv tsv markdown chart svg html'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" approx' -l 'approx' -d 'Approximate percentiles in bounded memory (within 1% relative error).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" since' -l 'since' -d 'Only records at or after this time: RFC 3339, or a duration ago like 15m, 2h, 1h30m, 7d.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" until' -l 'until' -d 'Only records before this time: RFC 3339, or a duration ago like 15m, 2h, 1h30m, 7d.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" sorted' -l 'sorted' -d 'The files\' timestamps never decrease: --since/--until binary-search them instead of reading them in full (a timestamp seen going back is reported).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" time-field' -l 'time-field' -d 'The one field time() reads, for --since/--until, --merge and bucket(time(), D) (default: the well-known fields ts, time, timestamp, @timestamp, ...; see --help-query).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" merge' -l 'merge' -d 'Interleave the records of all the files by time() into one stream (files each in time order stream in bounded memory); -H shows each line\'s file.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" stats' -l 'stats' -d 'Print what was read, matched and skipped, and how fast, to standard error.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" f follow' -s 'f' -l 'follow' -d 'Keep reading the file as it grows, like tail -f (survives rotation); Ctrl-C ends.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" every' -l 'every' -d 'With --follow, print an aggregation\'s table again this often (default 2s).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" engine' -l 'engine' -d 'Run the query in ClickHouse or DuckDB (translated as \'loupe sql\' prints it) and print the result in loupe\'s formats.' -rfka 'clickhouse duckdb'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe query" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace"' -l 'trace' -d 'Report only the trace with this id (hex, any case, leading zeros optional); repeat it for several.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" top' -l 'top' -d 'Report only the N slowest traces.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" critical-path' -l 'critical-path' -d 'Show the critical path (with -o json: its document alone).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" parallel' -l 'parallel' -d 'Show the sequential calls that could run in parallel.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" errors' -l 'errors' -d 'Show where errors start and where they surface.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace"' -l 'logs' -d 'Show the records of this log file (any shape loupe reads, OTLP logs included) under the spans that wrote them; repeat for more files.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" logs-all' -l 'logs-all' -d 'With --logs: every span\'s records, not only the critical path\'s and error origins\'.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" waterfall' -l 'waterfall' -d 'Draw each trace\'s spans on a time axis, the critical path marked (text and markdown; on a terminal --top N draws it too).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" expand' -l 'expand' -d 'Draw every span: do not collapse repeated calls of one operation into one row (waterfall, svg, html).'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" width' -l 'width' -d 'Columns of the text report and its waterfall (default: the terminal\'s; a waterfall not on a terminal: 100).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" o output' -s 'o' -l 'output' -d 'Output: text, json or markdown; trace also svg and html, hotspots also html.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" min-count' -l 'min-count' -d 'Calls a sequential run needs to be reported (default 2).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" max-gap-ms' -l 'max-gap-ms' -d 'A pause longer than this between two calls ends a run (the parent did work between them; default 5).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" min-saving-ms' -l 'min-saving-ms' -d 'Report a run only when running it concurrently would save at least this much (default 1).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" n-plus-one-min' -l 'n-plus-one-min' -d 'Repeats of one operation that make a run an N+1 pattern.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" color' -l 'color' -d 'Colors: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" strict' -l 'strict' -d 'Stop at the first bad record with its file and line (exit 2) instead of skipping it; lines already printed stay, no table or count is printed. In a query, a limit, -m or -q shortens the output, not the reading.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" threads' -l 'threads' -d 'Worker threads (default: one per core; at most 1024).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" format input-format' -l 'input-format' -l 'format' -d 'Input format: jsonl, json (arrays, pretty or concatenated values), wrapped (the records in kubectl\'s List, an Elasticsearch response, aws logs events, CloudTrail Records), json-seq (RFC 7464), prefixed (text before the JSON), otlp, otlp-lines, jaeger, zipkin, otel-console (the OpenTelemetry SDK\'s console exporter), otlp-logs or otlp-logs-lines (default: detected from each input\'s first bytes; --format is the old name).' -rfka 'jsonl json wrapped json-seq prefixed otlp otlp-lines jaeger zipkin otel-console otlp-logs otlp-logs-lines'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" no-prefix' -l 'no-prefix' -d 'Read lines with text before their JSON (docker compose, kubectl --timestamps, syslog) as malformed lines, not as records with a _prefix field.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe trace" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" top' -l 'top' -d 'Rows per table in text and Markdown output, bars per chart in HTML.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots"' -l 'logs' -d 'Show each error hotspot\'s most frequent error messages from this log file (any shape loupe reads); repeat for more files.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" folded' -l 'folded' -d 'Write critical-path time summed over traces by operation path as folded stacks (`service op;service op;... ns`), for flamegraph.pl or speedscope.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" o output' -s 'o' -l 'output' -d 'Output: text, json or markdown; trace also svg and html, hotspots also html.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" min-count' -l 'min-count' -d 'Calls a sequential run needs to be reported (default 2).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" max-gap-ms' -l 'max-gap-ms' -d 'A pause longer than this between two calls ends a run (the parent did work between them; default 5).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" min-saving-ms' -l 'min-saving-ms' -d 'Report a run only when running it concurrently would save at least this much (default 1).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" n-plus-one-min' -l 'n-plus-one-min' -d 'Repeats of one operation that make a run an N+1 pattern.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" color' -l 'color' -d 'Colors: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" strict' -l 'strict' -d 'Stop at the first bad record with its file and line (exit 2) instead of skipping it; lines already printed stay, no table or count is printed. In a query, a limit, -m or -q shortens the output, not the reading.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" threads' -l 'threads' -d 'Worker threads (default: one per core; at most 1024).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" format input-format' -l 'input-format' -l 'format' -d 'Input format: jsonl, json (arrays, pretty or concatenated values), wrapped (the records in kubectl\'s List, an Elasticsearch response, aws logs events, CloudTrail Records), json-seq (RFC 7464), prefixed (text before the JSON), otlp, otlp-lines, jaeger, zipkin, otel-console (the OpenTelemetry SDK\'s console exporter), otlp-logs or otlp-logs-lines (default: detected from each input\'s first bytes; --format is the old name).' -rfka 'jsonl json wrapped json-seq prefixed otlp otlp-lines jaeger zipkin otel-console otlp-logs otlp-logs-lines'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" no-prefix' -l 'no-prefix' -d 'Read lines with text before their JSON (docker compose, kubectl --timestamps, syslog) as malformed lines, not as records with a _prefix field.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe hotspots" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff"' -l 'trace' -d 'Compare this trace: the first --trace picks BASE\'s, a second CUR\'s; one alone picks in both.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" where' -l 'where' -d 'Compare only traces whose root span matches this filter of the query language.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" min-change' -l 'min-change' -d 'A change of critical-path self time counts from this share and this duration on.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" top' -l 'top' -d 'Changed paths shown in text and Markdown.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" report' -l 'report' -d 'Also write the Markdown report to this file.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" o output' -s 'o' -l 'output' -d 'Output: text, json or markdown; trace also svg and html, hotspots also html.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" min-count' -l 'min-count' -d 'Calls a sequential run needs to be reported (default 2).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" max-gap-ms' -l 'max-gap-ms' -d 'A pause longer than this between two calls ends a run (the parent did work between them; default 5).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" min-saving-ms' -l 'min-saving-ms' -d 'Report a run only when running it concurrently would save at least this much (default 1).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" n-plus-one-min' -l 'n-plus-one-min' -d 'Repeats of one operation that make a run an N+1 pattern.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" color' -l 'color' -d 'Colors: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" strict' -l 'strict' -d 'Stop at the first bad record with its file and line (exit 2) instead of skipping it; lines already printed stay, no table or count is printed. In a query, a limit, -m or -q shortens the output, not the reading.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" threads' -l 'threads' -d 'Worker threads (default: one per core; at most 1024).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" format input-format' -l 'input-format' -l 'format' -d 'Input format: jsonl, json (arrays, pretty or concatenated values), wrapped (the records in kubectl\'s List, an Elasticsearch response, aws logs events, CloudTrail Records), json-seq (RFC 7464), prefixed (text before the JSON), otlp, otlp-lines, jaeger, zipkin, otel-console (the OpenTelemetry SDK\'s console exporter), otlp-logs or otlp-logs-lines (default: detected from each input\'s first bytes; --format is the old name).' -rfka 'jsonl json wrapped json-seq prefixed otlp otlp-lines jaeger zipkin otel-console otlp-logs otlp-logs-lines'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" no-prefix' -l 'no-prefix' -d 'Read lines with text before their JSON (docker compose, kubectl --timestamps, syslog) as malformed lines, not as records with a _prefix field.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate"' -l 'baseline' -d 'The baseline: raw traces or logs, or a file written by --write-baseline.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" write-baseline' -l 'write-baseline' -d 'Write a baseline summary of the inputs to this file and exit.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" value' -l 'value' -d 'JSON logs: the field whose values are compared, in ms (a dotted path; an exact top-level key wins).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate"' -l 'by' -d 'Group by these fields, comma-separated (default for spans: service.name,name).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" where' -l 'where' -d 'Only records (or spans) matching this filter of the query language.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" percentile' -l 'percentile' -d 'The percentile the gate compares.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" alpha' -l 'alpha' -d 'Significance level of the one-sided Mann-Whitney U test.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" min-effect' -l 'min-effect' -d 'Relative growth of the gate percentile that counts (0.1 = 10%).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" min-abs-ms' -l 'min-abs-ms' -d 'Absolute growth of the gate percentile that counts, in ms.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" min-samples' -l 'min-samples' -d 'Fewer values than this on a side make a group \'insufficient\'.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" correction' -l 'correction' -d 'Multiple-comparison correction: holm (--alpha bounds the chance that noise flags any group) or none (each group tested at --alpha alone).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate"' -l 'budget' -d 'An absolute limit, \'[FILTER:] pN < DURATION\', checked on the current run (repeatable).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" fail-on-missing' -l 'fail-on-missing' -d 'Fail when a group exists only in the baseline or only in the current run.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" report' -l 'report' -d 'Write a Markdown report (for a pull-request comment) to this file.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" junit' -l 'junit' -d 'Write a JUnit XML report (one test case per group) to this file.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" github' -l 'github' -d 'Print GitHub Actions annotations (::error::) for regressions and failed budgets.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" allow-bad-input' -l 'allow-bad-input' -d 'Compare what could be read when some records could not (malformed lines, a cut file); by default they stop the gate with exit 2.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" all' -l 'all' -d 'List unchanged groups in the terminal summary too.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" o output' -s 'o' -l 'output' -d 'Standard output: text (a summary) or json (the TRACE-SEMANTICS section 6 document).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" sample-size' -l 'sample-size' -d 'Values kept per group by --write-baseline for the statistical test (default 1000).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" seed' -l 'seed' -d 'Seed of --write-baseline\'s sampling (the same data and seed give the same file; default 1).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" blame' -l 'blame' -d 'How many critical-path operations the reports name.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" color' -l 'color' -d 'Colors: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" strict' -l 'strict' -d 'Stop at the first bad record with its file and line (exit 2) instead of skipping it; lines already printed stay, no table or count is printed. In a query, a limit, -m or -q shortens the output, not the reading.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" threads' -l 'threads' -d 'Worker threads (default: one per core; at most 1024).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" format input-format' -l 'input-format' -l 'format' -d 'Input format: jsonl, json (arrays, pretty or concatenated values), wrapped (the records in kubectl\'s List, an Elasticsearch response, aws logs events, CloudTrail Records), json-seq (RFC 7464), prefixed (text before the JSON), otlp, otlp-lines, jaeger, zipkin, otel-console (the OpenTelemetry SDK\'s console exporter), otlp-logs or otlp-logs-lines (default: detected from each input\'s first bytes; --format is the old name).' -rfka 'jsonl json wrapped json-seq prefixed otlp otlp-lines jaeger zipkin otel-console otlp-logs otlp-logs-lines'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" no-prefix' -l 'no-prefix' -d 'Read lines with text before their JSON (docker compose, kubectl --timestamps, syslog) as malformed lines, not as records with a _prefix field.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe gate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_positional "loupe fields" -ge 1' -F
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe fields" color' -l 'color' -d 'Colors: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe fields" strict' -l 'strict' -d 'Stop at the first bad record with its file and line (exit 2) instead of skipping it; lines already printed stay, no table or count is printed. In a query, a limit, -m or -q shortens the output, not the reading.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe fields" threads' -l 'threads' -d 'Worker threads (default: one per core; at most 1024).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe fields" format input-format' -l 'input-format' -l 'format' -d 'Input format: jsonl, json (arrays, pretty or concatenated values), wrapped (the records in kubectl\'s List, an Elasticsearch response, aws logs events, CloudTrail Records), json-seq (RFC 7464), prefixed (text before the JSON), otlp, otlp-lines, jaeger, zipkin, otel-console (the OpenTelemetry SDK\'s console exporter), otlp-logs or otlp-logs-lines (default: detected from each input\'s first bytes; --format is the old name).' -rfka 'jsonl json wrapped json-seq prefixed otlp otlp-lines jaeger zipkin otel-console otlp-logs otlp-logs-lines'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe fields" no-prefix' -l 'no-prefix' -d 'Read lines with text before their JSON (docker compose, kubectl --timestamps, syslog) as malformed lines, not as records with a _prefix field.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe fields" o output' -s 'o' -l 'output' -d 'Table format: table, json, jsonl, csv, tsv, markdown.' -rfka 'table json jsonl csv tsv markdown'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe fields" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe fields" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe sql" dialect' -l 'dialect' -d 'The SQL dialect: clickhouse or duckdb.' -rfka 'clickhouse duckdb'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe sql" from' -l 'from' -d 'Where the records are: a path or glob (file(), read_ndjson_objects), s3://bucket/key, http(s)://..., or table:NAME (a table whose String column line holds one record each).' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe sql" cluster' -l 'cluster' -d 'ClickHouse: read an s3:// source with s3Cluster over this cluster.' -rfka ''
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe sql" version' -l 'version' -d 'Show the version.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe sql" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'loupe' -n '__loupe_should_offer_completions_for_flags_or_options "loupe help" version' -l 'version' -d 'Show the version.'
