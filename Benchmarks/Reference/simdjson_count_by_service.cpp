// The floor under a validating `count by service`: simdjson (Debian's libsimdjson-dev) parses
// every line of a JSON-lines file and counts its "service" values, on one core. Used by
// scripts/bench-parser-floor to say how fast any validating reader can go on this machine.
//
//   simdjson_count_by_service FILE dom        every line fully parsed and validated (DOM)
//   simdjson_count_by_service FILE ondemand   only what is read is validated (On-Demand)
//
// Prints "<mode> <CPU seconds> <lines> <bad lines> <implementation>" on stdout; the file is
// read into memory before the clock starts.
#include <simdjson.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <unordered_map>

static double cpu_seconds() {
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[2], "dom") != 0 && strcmp(argv[2], "ondemand") != 0)) {
        fprintf(stderr, "usage: %s FILE dom|ondemand\n", argv[0]);
        return 2;
    }
    simdjson::padded_string json;
    if (auto error = simdjson::padded_string::load(argv[1]).get(json)) {
        fprintf(stderr, "%s: %s\n", argv[1], simdjson::error_message(error));
        return 2;
    }
    std::unordered_map<std::string, long> counts;
    long lines = 0, bad = 0;
    double start = cpu_seconds();
    if (strcmp(argv[2], "dom") == 0) {
        simdjson::dom::parser parser;
        simdjson::dom::document_stream docs;
        if (parser.parse_many(json, 4 << 20).get(docs)) return 2;
        for (auto doc : docs) {
            lines++;
            simdjson::dom::element root;
            std::string_view service;
            if (doc.get(root)) { bad++; continue; }
            if (root["service"].get_string().get(service) == simdjson::SUCCESS) counts[std::string(service)]++;
        }
    } else {
        simdjson::ondemand::parser parser;
        simdjson::ondemand::document_stream docs;
        if (parser.iterate_many(json, 4 << 20).get(docs)) return 2;
        for (auto doc : docs) {
            lines++;
            std::string_view service;
            if (doc["service"].get_string().get(service) == simdjson::SUCCESS) counts[std::string(service)]++;
            else bad++;
        }
    }
    double seconds = cpu_seconds() - start;
    printf("%s %.3f %ld %ld %s\n", argv[2], seconds, lines, bad, simdjson::get_active_implementation()->name().c_str());
    return 0;
}
