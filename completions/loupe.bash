#!/bin/bash

__loupe_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__loupe_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__loupe_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__loupe_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_loupe() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __loupe_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    query|trace|hotspots|diff|gate|fields|sql|help)
        # Offer subcommand argument completions
        "_loupe_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'query trace hotspots diff gate fields sql help' -- "${cur}"))
        ;;
    esac
}

_loupe_query() {
    repeating_flags=()
    non_repeating_flags=(-c --count -v --invert-match -n --line-number -H --with-filename --no-filename -q --quiet --help-query --strict --no-prefix --approx --sorted --merge --stats -f --follow --version -h --help)
    repeating_options=()
    non_repeating_options=(-m --max-count --color --threads --input-format --format -o --output --since --until --time-field --every --engine)
    __loupe_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-m'|'--max-count')
        return
        ;;
    '--color')
        __loupe_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--threads')
        return
        ;;
    '--input-format'|'--format')
        __loupe_add_completions -W 'jsonl'$'\n''json'$'\n''wrapped'$'\n''json-seq'$'\n''prefixed'$'\n''otlp'$'\n''otlp-lines'$'\n''jaeger'$'\n''zipkin'$'\n''otel-console'$'\n''otlp-logs'$'\n''otlp-logs-lines'
        return
        ;;
    '-o'|'--output')
        __loupe_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''markdown'$'\n''chart'$'\n''svg'$'\n''html'
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--time-field')
        return
        ;;
    '--every')
        return
        ;;
    '--engine')
        __loupe_add_completions -W 'clickhouse'$'\n''duckdb'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __loupe_add_completions -f
        return
        ;;
    esac
}

_loupe_trace() {
    repeating_flags=()
    non_repeating_flags=(--critical-path --parallel --errors --logs-all --waterfall --expand --strict --no-prefix --version -h --help)
    repeating_options=(--trace --logs)
    non_repeating_options=(--top --width -o --output --min-count --max-gap-ms --min-saving-ms --n-plus-one-min --color --threads --input-format --format)
    __loupe_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--trace')
        return
        ;;
    '--top')
        return
        ;;
    '--logs')
        return
        ;;
    '--width')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--min-count')
        return
        ;;
    '--max-gap-ms')
        return
        ;;
    '--min-saving-ms')
        return
        ;;
    '--n-plus-one-min')
        return
        ;;
    '--color')
        __loupe_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--threads')
        return
        ;;
    '--input-format'|'--format')
        __loupe_add_completions -W 'jsonl'$'\n''json'$'\n''wrapped'$'\n''json-seq'$'\n''prefixed'$'\n''otlp'$'\n''otlp-lines'$'\n''jaeger'$'\n''zipkin'$'\n''otel-console'$'\n''otlp-logs'$'\n''otlp-logs-lines'
        return
        ;;
    esac
}

_loupe_hotspots() {
    repeating_flags=()
    non_repeating_flags=(--folded --strict --no-prefix --version -h --help)
    repeating_options=(--logs)
    non_repeating_options=(--top -o --output --min-count --max-gap-ms --min-saving-ms --n-plus-one-min --color --threads --input-format --format)
    __loupe_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--top')
        return
        ;;
    '--logs')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--min-count')
        return
        ;;
    '--max-gap-ms')
        return
        ;;
    '--min-saving-ms')
        return
        ;;
    '--n-plus-one-min')
        return
        ;;
    '--color')
        __loupe_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--threads')
        return
        ;;
    '--input-format'|'--format')
        __loupe_add_completions -W 'jsonl'$'\n''json'$'\n''wrapped'$'\n''json-seq'$'\n''prefixed'$'\n''otlp'$'\n''otlp-lines'$'\n''jaeger'$'\n''zipkin'$'\n''otel-console'$'\n''otlp-logs'$'\n''otlp-logs-lines'
        return
        ;;
    esac
}

_loupe_diff() {
    repeating_flags=()
    non_repeating_flags=(--strict --no-prefix --version -h --help)
    repeating_options=(--trace)
    non_repeating_options=(--where --min-change --top --report -o --output --min-count --max-gap-ms --min-saving-ms --n-plus-one-min --color --threads --input-format --format)
    __loupe_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--trace')
        return
        ;;
    '--where')
        return
        ;;
    '--min-change')
        return
        ;;
    '--top')
        return
        ;;
    '--report')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--min-count')
        return
        ;;
    '--max-gap-ms')
        return
        ;;
    '--min-saving-ms')
        return
        ;;
    '--n-plus-one-min')
        return
        ;;
    '--color')
        __loupe_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--threads')
        return
        ;;
    '--input-format'|'--format')
        __loupe_add_completions -W 'jsonl'$'\n''json'$'\n''wrapped'$'\n''json-seq'$'\n''prefixed'$'\n''otlp'$'\n''otlp-lines'$'\n''jaeger'$'\n''zipkin'$'\n''otel-console'$'\n''otlp-logs'$'\n''otlp-logs-lines'
        return
        ;;
    esac
}

_loupe_gate() {
    repeating_flags=()
    non_repeating_flags=(--fail-on-missing --github --allow-bad-input --all --strict --no-prefix --version -h --help)
    repeating_options=(--baseline --by --budget)
    non_repeating_options=(--write-baseline --value --where --percentile --alpha --min-effect --min-abs-ms --min-samples --correction --report --junit -o --output --sample-size --seed --blame --color --threads --input-format --format)
    __loupe_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--baseline')
        return
        ;;
    '--write-baseline')
        return
        ;;
    '--value')
        return
        ;;
    '--by')
        return
        ;;
    '--where')
        return
        ;;
    '--percentile')
        return
        ;;
    '--alpha')
        return
        ;;
    '--min-effect')
        return
        ;;
    '--min-abs-ms')
        return
        ;;
    '--min-samples')
        return
        ;;
    '--correction')
        return
        ;;
    '--budget')
        return
        ;;
    '--report')
        return
        ;;
    '--junit')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--sample-size')
        return
        ;;
    '--seed')
        return
        ;;
    '--blame')
        return
        ;;
    '--color')
        __loupe_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--threads')
        return
        ;;
    '--input-format'|'--format')
        __loupe_add_completions -W 'jsonl'$'\n''json'$'\n''wrapped'$'\n''json-seq'$'\n''prefixed'$'\n''otlp'$'\n''otlp-lines'$'\n''jaeger'$'\n''zipkin'$'\n''otel-console'$'\n''otlp-logs'$'\n''otlp-logs-lines'
        return
        ;;
    esac
}

_loupe_fields() {
    repeating_flags=()
    non_repeating_flags=(--strict --no-prefix --version -h --help)
    repeating_options=()
    non_repeating_options=(--color --threads --input-format --format -o --output)
    __loupe_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--color')
        __loupe_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--threads')
        return
        ;;
    '--input-format'|'--format')
        __loupe_add_completions -W 'jsonl'$'\n''json'$'\n''wrapped'$'\n''json-seq'$'\n''prefixed'$'\n''otlp'$'\n''otlp-lines'$'\n''jaeger'$'\n''zipkin'$'\n''otel-console'$'\n''otlp-logs'$'\n''otlp-logs-lines'
        return
        ;;
    '-o'|'--output')
        __loupe_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''markdown'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __loupe_add_completions -f
        return
        ;;
    esac
}

_loupe_sql() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--dialect --from --cluster)
    __loupe_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--dialect')
        __loupe_add_completions -W 'clickhouse'$'\n''duckdb'
        return
        ;;
    '--from')
        return
        ;;
    '--cluster')
        return
        ;;
    esac
}

_loupe_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __loupe_offer_flags_options -1
}

complete -o filenames -F _loupe loupe
