#include "options.h"

#include <charconv>

namespace cli {

std::optional<po::variables_map> parse_args(const std::string& command, void (*help)(std::ostream&), const Args& args,
                                            const po::options_description& options, Operands operands, std::ostream& out) {
  po::options_description all;
  all.add(options);
  po::positional_options_description positional;
  if (*operands.name) {
    // A single operand is a plain string, so naming it twice (`--machine a --machine b`) is refused.
    if (operands.max == 1)
      all.add_options()(operands.name, po::value<std::string>(), "");
    else
      all.add_options()(operands.name, po::value<std::vector<std::string>>(), "");
    positional.add(operands.name, operands.max);
  }
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      help(out);
      return std::nullopt;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(command, e.what());
  }
  return vm;
}

std::vector<std::string> operands(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) return {};
  if (const auto* one = boost::any_cast<std::string>(&vm[name].value())) return {*one};
  return vm[name].as<std::vector<std::string>>();
}

void bad_value(const std::string& value, const std::string& valid) {
  // Boost fills in %canonical_option% with the option's name as the user wrote it.
  po::error_with_option_name e("the argument ('%value%') for option '%canonical_option%' is invalid; valid: " + valid);
  e.set_substitute("value", value);
  throw e;
}

void validate(boost::any& v, const std::vector<std::string>& values, Format*, int) {
  validate_choice<Format>(v, values, {{"text", Format::text}, {"json", Format::json}});
}

void validate(boost::any& v, const std::vector<std::string>& values, Clock*, int) {
  validate_choice<Clock>(v, values, {{"sim", Clock::sim}, {"iso", Clock::iso}});
}

void validate(boost::any& v, const std::vector<std::string>& values, Aggregate*, int) {
  validate_choice<Aggregate>(v, values,
                             {{"auto", Aggregate::automatic}, {"always", Aggregate::always}, {"never", Aggregate::never}});
}

void validate(boost::any& v, const std::vector<std::string>& values, Seed*, int) {
  po::validators::check_first_occurrence(v);
  const std::string& s = po::validators::get_single_string(values);
  Seed seed;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), seed.value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size())
    bad_value(s, "a whole number from 0 to 18446744073709551615");
  v = seed;
}

void validate(boost::any& v, const std::vector<std::string>& values, Count*, int) {
  po::validators::check_first_occurrence(v);
  const std::string& s = po::validators::get_single_string(values);
  Count n;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n.value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || n.value == 0)
    bad_value(s, "a whole number, at least 1");
  v = n;
}

void validate(boost::any& v, const std::vector<std::string>& values, Cloud*, int) {
  po::validators::check_first_occurrence(v);
  const std::string& s = po::validators::get_single_string(values);
  const auto p = models::parse_provider(s);
  if (!p || (*p != models::Provider::AWS && *p != models::Provider::AZURE))
    bad_value(s, "aws, azure");
  v = Cloud{*p};
}

}  // namespace cli
