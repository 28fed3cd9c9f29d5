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
  # Each generated file defines the same static array name: compiled on its own, never in a unity batch.
  set_source_files_properties("${generated}" PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
  set(${out_var} "${generated}" PARENT_SCOPE)
endfunction()
