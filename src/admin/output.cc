#include "admin/output.h"

#include <cstdio>
#include <iostream>

#include "json/io.h"

namespace fastscim::admin {

int report_usage_error(const UsageError& error) {
  std::fprintf(stderr, "fastscim-admin: %s\n\nUsage: fastscim-admin %s\n", error.message.c_str(), error.usage.c_str());
  return 2;
}

int failure(const scim::Error& error) {
  std::fprintf(stderr, "fastscim-admin: %s\n", error.detail().c_str());
  return 1;
}

void print_json(const json::Value& v) { std::cout << json::dump(v, json::Style::kPretty) << "\n"; }

}  // namespace fastscim::admin
