// `driftless explain TYPE[.Property[.Sub]]`: what AWS's CloudFormation database
// (compiled in, providers/cfnspec) says about a type or property, and whether
// driftless implements it (like `kubectl explain`). `--coverage-markdown` prints
// the coverage tables of docs/manifest-reference.md.
#include <memory>
#include <sstream>
#include <string>

#include "controller/cli/commands.h"
#include "providers/builtin/builtin.h"
#include "providers/cfnspec/cfnspec.h"
#include "providers/cfnspec/coverage.h"

namespace driftless::cli {
namespace {

struct ExplainOptions {
  std::string target;
  bool coverageMarkdown = false;
};

// Documentation text wrapped at 80 columns, indented by two spaces.
std::string wrap(const std::string& text) {
  std::string out, line;
  std::istringstream paragraphs(text);
  std::string para;
  while (std::getline(paragraphs, para)) {
    std::istringstream words(para);
    std::string w;
    line = "  ";
    while (words >> w) {
      if (line.size() > 2 && line.size() + w.size() + 1 > 80) {
        out += line + "\n";
        line = "  ";
      }
      line += (line.size() > 2 ? " " : "") + w;
    }
    out += (line.size() > 2 ? line : std::string()) + "\n";
  }
  return out;
}

// The provider's spec at a dotted path ("A.B"; list elements and map values are
// looked through), or nullptr when driftless does not declare it.
const PropertySpec* declared(const TypeInfo& info, const std::string& path) {
  const PropertySpec* cur = nullptr;
  std::istringstream parts(path);
  std::string part;
  while (std::getline(parts, part, '.')) {
    const std::vector<PropertySpec>* fields = &info.properties;
    if (cur) {
      while ((cur->kind == PropertySpec::Kind::List || cur->kind == PropertySpec::Kind::Map) &&
             !cur->element.empty())
        cur = &cur->element[0];
      if (cur->kind == PropertySpec::Kind::Json) return cur;
      fields = &cur->fields;
    }
    const PropertySpec* next = nullptr;
    for (const auto& f : *fields)
      if (f.name == part) next = &f;
    if (!next) return nullptr;
    cur = next;
  }
  return cur;
}

std::string status(const TypeInfo* info, const std::string& type, const std::string& path) {
  if (!info) return "not managed: driftless has no provider for " + type + " yet";
  if (declared(*info, path)) return "implemented";
  std::string reason = cfnspec::refusalReason(type, path.substr(0, path.find('.')));
  return "not supported yet" + (reason.empty() ? std::string() : " (" + reason + ")");
}

void listFields(const cfnspec::Database& db, const std::vector<cfnspec::Property>& props,
                const TypeInfo* info, const std::string& type, const std::string& prefix,
                std::ostream& out) {
  std::size_t width = 0;
  for (const auto& p : props)
    width = std::max(width, p.name.size());
  for (const auto& p : props) {
    out << "  " << p.name << std::string(width - p.name.size() + 2, ' ') << "<"
        << db.describe(p.type) << ">" << (p.required ? " required" : "")
        << (p.replaces ? " replaces" : "") << "  "
        << status(info, type, prefix.empty() ? p.name : prefix + "." + p.name) << "\n";
  }
}

int explainType(const cfnspec::ResourceType& t, Context& ctx) {
  const auto& db = cfnspec::database();
  const TypeInfo* info = builtinRegistry().info(t.name);
  ctx.out << "TYPE:        " << t.name << "\n";
  if (info) {
    std::size_t n = 0;
    for (const auto& p : t.properties)
      n += declared(*info, p.name) != nullptr;
    ctx.out << "DRIFTLESS:   managed (" << n << " of " << t.properties.size()
            << " properties implemented)\n";
  } else {
    ctx.out << "DRIFTLESS:   not managed yet\n";
  }
  std::string id;
  for (const auto& p : t.primaryIdentifier)
    id += (id.empty() ? "" : ", ") + p;
  if (!id.empty()) ctx.out << "IDENTIFIER:  " << id << "\n";
  if (!t.tagProperty.empty()) ctx.out << "TAGS:        " << t.tagProperty << "\n";
  if (auto doc = cfnspec::documentation(t.name, "")) ctx.out << "\nDESCRIPTION:\n" << wrap(*doc);
  ctx.out << "\nPROPERTIES:\n";
  listFields(db, t.properties, info, t.name, "", ctx.out);
  ctx.out << "\nATTRIBUTES (!GetAtt):\n";
  for (const auto& a : t.attributes)
    ctx.out << "  " << a << "\n";
  return 0;
}

int explainProperty(const cfnspec::ResourceType& t, const std::string& path, Context& ctx) {
  const auto& db = cfnspec::database();
  const cfnspec::Property* p = db.property(t, path);
  if (!p) {
    if (path.find('.') == std::string::npos && t.hasAttribute(path)) {
      ctx.out << "TYPE:        " << t.name << "\nATTRIBUTE:   " << path << " (!GetAtt)\n";
      if (auto doc = cfnspec::attributeDocumentation(t.name, path))
        ctx.out << "\nDESCRIPTION:\n" << wrap(*doc);
      return 0;
    }
    auto dot = path.rfind('.');
    std::string parent = dot == std::string::npos ? "" : path.substr(0, dot);
    auto best = cfnspec::closest(path.substr(dot == std::string::npos ? 0 : dot + 1),
                                 db.namesAt(t, parent));
    ctx.err << "driftless explain: " << t.name << " has no property '" << path << "'"
            << (best ? " (did you mean '" + *best + "'?)" : "") << "\n";
    return 1;
  }
  const TypeInfo* info = builtinRegistry().info(t.name);
  ctx.out << "TYPE:        " << t.name << "\nPROPERTY:    " << path
          << "\nVALUE:       " << db.describe(p->type)
          << "\nREQUIRED:    " << (p->required ? "yes" : "no") << "\nUPDATE:      "
          << (p->replaces     ? "replaces the resource"
              : p->mayReplace ? "may replace the resource (depends on the change)"
                              : "in place")
          << "\nDRIFTLESS:   " << status(info, t.name, path) << "\n";
  if (!p->type.allowed.empty()) {
    std::string values;
    for (const auto& v : p->type.allowed)
      values += (values.empty() ? "" : ", ") + v;
    ctx.out << "ALLOWED:     " << values << "\n";
  }
  if (auto doc = cfnspec::documentation(t.name, path)) ctx.out << "\nDESCRIPTION:\n" << wrap(*doc);
  const cfnspec::ValueType* vt = &p->type;
  while (vt->kind == cfnspec::ValueType::Kind::List || vt->kind == cfnspec::ValueType::Kind::Map)
    vt = &vt->elements[0];
  if (vt->kind == cfnspec::ValueType::Kind::Struct) {
    ctx.out << "\nFIELDS (" << db.def(vt->def).name << "):\n";
    listFields(db, db.def(vt->def).properties, info, t.name, path, ctx.out);
  }
  return 0;
}

int runExplain(const ExplainOptions& options, Context& ctx) {
  if (options.coverageMarkdown) {
    ctx.out << cfnspec::coverageMarkdown(builtinRegistry());
    return 0;
  }
  if (options.target.empty()) {
    ctx.err << "driftless explain: give TYPE[.Property[.Sub]], e.g. AWS::S3::Bucket.Tags\n";
    return 1;
  }
  const auto& db = cfnspec::database();
  // The type is everything up to the first dot after its last "::".
  auto sep = options.target.rfind("::");
  auto dot = options.target.find('.', sep == std::string::npos ? 0 : sep);
  std::string type = options.target.substr(0, dot);
  const cfnspec::ResourceType* t = db.type(type);
  if (!t) {
    std::vector<std::string> names;
    for (const auto& r : db.types())
      names.push_back(r.name);
    auto best = cfnspec::closest(type, names);
    ctx.err << "driftless explain: unknown resource type '" << type << "'"
            << (best ? " (did you mean '" + *best + "'?)" : "") << "\n";
    return 1;
  }
  if (dot == std::string::npos) return explainType(*t, ctx);
  return explainProperty(*t, options.target.substr(dot + 1), ctx);
}

}  // namespace

Runner addExplainCommand(CLI::App& app) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* cmd = app.add_subcommand(
      "explain",
      "Document a CloudFormation type or property (AWS's database) and what driftless "
      "implements of it");
  cmd->add_option("target", options->target, "TYPE[.Property[.Sub]], e.g. AWS::S3::Bucket.Tags");
  cmd->add_flag("--coverage-markdown", options->coverageMarkdown,
                "print the property coverage tables of the managed types (Markdown)");
  return [options](Context& ctx) { return runExplain(*options, ctx); };
}

}  // namespace driftless::cli
