file(READ "${INPUT}" content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE "${OUTPUT}" "#include <string_view>\nnamespace patronage::embedded {\nstatic const char k_data[] = {${bytes} 0};\nstd::string_view ${NAME}() { return {k_data, sizeof(k_data) - 1}; }\n}\n")
