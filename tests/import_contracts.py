"""An import-linter contract of our own: no module imports itself back through others.

Import-linter's ``layers`` contract orders the apps, but says nothing of cycles between
the modules of one app; ``acyclic_siblings`` compares whole packages, so two sub-packages
that each use a different module of the other count as a cycle even when no module ever
imports itself back. This contract looks at modules only: every import, at the top of a
module or inside a function, is an edge, and the graph of those edges must have no cycle.
"""

import grimp
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class AcyclicModulesContract(Contract):
    """Options: ``packages`` (the packages checked), ``exclude`` (module name parts left out,
    such as ``migrations``)."""

    type_name = "acyclic_modules"

    packages = fields.ListField(subfield=fields.StringField())
    exclude = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        excluded = set(self.exclude or [])
        modules = sorted(
            module
            for module in graph.modules
            if module.split(".")[0] in self.packages and not excluded & set(module.split("."))
        )
        known = set(modules)
        edges = {
            module: sorted(known & graph.find_modules_directly_imported_by(module))
            for module in modules
        }
        cycles = [
            [_cycle_line(graph, component, edges)]
            for component in _strongly_connected(modules, edges)
            if len(component) > 1
        ]
        return ContractCheck(kept=not cycles, metadata={"cycles": cycles})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for (line,) in check.metadata["cycles"]:
            output.print_error(line)
            output.new_line()


def _cycle_line(graph, component: set[str], edges: dict[str, list[str]]) -> str:
    """The imports between the modules of one cycle, with their line numbers."""
    lines = ["Modules importing each other in a cycle:"]
    for importer in sorted(component):
        for imported in edges[importer]:
            if imported in component:
                details = graph.get_import_details(importer=importer, imported=imported)
                where = ", ".join(f"l.{detail['line_number']}" for detail in details)
                lines.append(f"  {importer} -> {imported} ({where})")
    return "\n".join(lines)


def _strongly_connected(modules: list[str], edges: dict[str, list[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components, without recursion."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []
    for start in modules:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            module, position = work.pop()
            if position == 0:
                index[module] = lowest[module] = len(index)
                stack.append(module)
                on_stack.add(module)
            for offset, imported in enumerate(edges[module][position:], start=position):
                if imported not in index:
                    work += [(module, offset + 1), (imported, 0)]
                    break
                if imported in on_stack:
                    lowest[module] = min(lowest[module], index[imported])
            else:
                if lowest[module] == index[module]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == module:
                            break
                    components.append(component)
                if work:
                    parent = work[-1][0]
                    lowest[parent] = min(lowest[parent], lowest[module])
    return components
