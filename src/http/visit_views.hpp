#pragma once

#include <boost/json/object.hpp>

#include "storage/visits.hpp"

namespace patronage::http {

// JSON shape of a visit (documented in openapi.json), for the visit routes and the 409 of a conflicting edit.
boost::json::object visit_json(const storage::VisitRecord& visit);

} // namespace patronage::http
