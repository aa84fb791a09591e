// How fastscim-admin's commands report: results on stdout (text, or JSON
// with --json), problems on stderr prefixed "fastscim-admin: ", and the
// exit status (0 success, 1 a failure the operator can act on, 2 a usage
// error).
//
// Thread-safety: writes to the process's stdout and stderr.
#ifndef FASTSCIM_ADMIN_OUTPUT_H_
#define FASTSCIM_ADMIN_OUTPUT_H_

#include "admin/arguments.h"
#include "json/value.h"
#include "scim/error.h"

namespace fastscim::admin {

// Prints the message and the command's usage to stderr; returns 2.
int report_usage_error(const UsageError& error);

// Prints the error's detail to stderr; returns 1.
int failure(const scim::Error& error);

// Prints `v` as pretty JSON and a newline to stdout.
void print_json(const json::Value& v);

}  // namespace fastscim::admin

#endif  // FASTSCIM_ADMIN_OUTPUT_H_
