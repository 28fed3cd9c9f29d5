#pragma once

#include <optional>

#include "app/context.hpp"
#include "http/call.hpp"
#include "util/error.hpp"

namespace patronage::http {

// The Idempotency-Key protocol of session writes (docs/offline.md). Api::dispatch calls these around the
// handler of a write route with Access::session; GETs and open routes ignore the header.

// Reads the Idempotency-Key header into `call` (with the request hash). Absent: nothing to do. One value of
// 1-100 characters of [A-Za-z0-9_-] is accepted; anything else fails as a 422 naming the field
// "Idempotency-Key".
util::Status read_idempotency_key(Call& call);

// Before the handler: the answer to a repeat of a request already applied for this user and key (the stored
// answer again, 409 request.already_applied, 422 request.idempotency_key_reused); nullopt: run the handler.
std::optional<Response> idempotent_answer(const app::Services& services, const Call& call);

// After the handler: a 2xx answer is stored with the key; a 4xx answer drops the key this request recorded
// (a refused write keeps nothing, so a corrected retry runs) or, when another request with the key won a race,
// answers as that request's repeat; 5xx answers are left alone (a write that committed stays recorded).
Response settle_idempotent(const app::Services& services, const Call& call, Response response);

} // namespace patronage::http
