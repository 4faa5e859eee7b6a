#include "options.h"

#include <charconv>

namespace cli {

void validate(boost::any& v, const std::vector<std::string>& values, Format*, int) {
  po::validators::check_first_occurrence(v);
  const std::string& s = po::validators::get_single_string(values);
  if (s == "text")
    v = Format::text;
  else if (s == "json")
    v = Format::json;
  else
    throw po::validation_error(po::validation_error::invalid_option_value, "format", s);
}

void validate(boost::any& v, const std::vector<std::string>& values, Seed*, int) {
  po::validators::check_first_occurrence(v);
  const std::string& s = po::validators::get_single_string(values);
  Seed seed;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), seed.value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    throw po::validation_error(po::validation_error::invalid_option_value, "seed", s);
  v = seed;
}

void validate(boost::any& v, const std::vector<std::string>& values, Count*, int) {
  po::validators::check_first_occurrence(v);
  const std::string& s = po::validators::get_single_string(values);
  Count n;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n.value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || n.value == 0)
    throw po::validation_error(po::validation_error::invalid_option_value, "", s);
  v = n;
}

void validate(boost::any& v, const std::vector<std::string>& values, Cloud*, int) {
  po::validators::check_first_occurrence(v);
  const std::string& s = po::validators::get_single_string(values);
  const auto p = models::parse_provider(s);
  if (!p || (*p != models::Provider::AWS && *p != models::Provider::AZURE))
    throw po::validation_error(po::validation_error::invalid_option_value, "cloud", s);
  v = Cloud{*p};
}

}  // namespace cli
