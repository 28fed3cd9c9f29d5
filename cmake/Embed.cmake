# embed_text(TARGET_VAR NAME FILE): generates a .cpp defining
# `std::string_view patronage::embedded::NAME()` with the contents of FILE.
function(embed_text out_var name file)
  set(generated "${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cpp")
  add_custom_command(
    OUTPUT "${generated}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${file} -DOUTPUT=${generated} -DNAME=${name}
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake"
    DEPENDS "${file}" "${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake"
    VERBATIM)
  set(${out_var} "${generated}" PARENT_SCOPE)
endfunction()
