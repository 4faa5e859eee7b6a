// Texts as the Go code of the Terraform provider writes them, so a scenario can expect the exact
// message a user sees: Go's time.Duration.String() and the Atlas Go SDK's error string.
#pragma once

#include <string>
#include <string_view>

#include "models/errors.h"
#include "sim/time.h"

namespace models::clients {

// Go's time.Duration.String() at millisecond resolution: "3h0m0s", "20m0s", "1m30s", "5s", "1.5s",
// "100ms", "0s".
std::string go_duration(sim::Duration d);

// The Atlas Go SDK's error for a refused request (atlas-sdk-go admin/client.go formatErrorMessage):
// `https://cloud.mongodb.com/api/atlas/v2<path> <METHOD>: HTTP 400 Bad Request (Error code:
// "CODE") Detail: <message> Reason: Bad Request. Params: [a b]`. `o` must be an error.
std::string sdk_error_text(std::string_view method, std::string_view path, const Outcome& o);

// "Bad Request", "Not Found", ...: net/http StatusText for the statuses the model answers.
std::string_view http_status_text(int status);

}  // namespace models::clients
