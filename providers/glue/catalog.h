#pragma once
// What the Data Catalog types (databases, tables) share: a definition under
// "<Noun>Input" read by Get<Noun>, made by Create<Noun>, replaced whole by
// Update<Noun> and removed by Delete<Noun>, keyed by CatalogId and the name
// (and, for a table, its database). Not taggable: ownership is the state entry.
#include <span>
#include <string>
#include <string_view>

#include "providers/common/json_provider.h"
#include "providers/common/provider_base.h"

namespace driftless::glue {

struct CatalogApi {
  std::string noun;                               // "Database", "Table"
  std::span<const std::string_view> inputFields;  // the input's fields besides Name
  bool nameInUpdate = true;                       // UpdateDatabase takes Name; UpdateTable not
};

// The name is the kit's rule (ProviderBase::name): a type says what in its
// manifest names it (manifestName) and, for a composite id, which part of the
// id is the name (nameInId).
class CatalogProvider : public common::JsonProvider<common::ProviderBase> {
 public:
  CatalogProvider(ProviderContext ctx, TypeInfo info, CatalogApi api)
      : JsonProvider("glue", std::move(ctx), std::move(info)), api_(std::move(api)) {}

  DRIFTLESS_PROVIDER_OPERATIONS;

 protected:
  virtual std::string physicalId(const Desired& d) const { return name(d); }
  // Fields the calls' key carries besides CatalogId and the name (a table's database).
  virtual void addKey(const Desired&, Value&) const {}
  // The identity properties (outside the input) a read reports, as the manifest has them.
  virtual void addIdentity(const Desired&, Observed&) const {}

 private:
  // {CatalogId, addKey's, <nameField>: name}; no name when `nameField` is empty.
  Value key(const Desired& d, std::string_view nameField) const;
  // The input: the manifest's fields and, with `live`, the live value of each
  // it does not manage (Update<Noun> replaces the whole definition).
  Value input(const Desired& d, const Observed* live) const;

  CatalogApi api_;
};

}  // namespace driftless::glue
