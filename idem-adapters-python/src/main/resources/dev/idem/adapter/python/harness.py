# idem's fixed harness for a spec's python evaluator. It is the only program idem gives to python3; the
# evaluator's code, the reply and the row's values arrive as one JSON document on standard input:
#   {"code": "...", "output": "...", "values": {"name": "value", ...}}
# The reply and the values are bound as data (strings in the namespace the code runs in), never spliced into
# source text. The answer is one JSON line on standard output: {"passed": bool, "value": "..."} or
# {"error": "..."}. Anything the code prints goes to standard error.
import ast
import contextlib
import json
import keyword
import re
import sys

NOT_DESCENDED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def returns(node):
    """Whether a return statement belongs to the code's own body (not to a function it defines)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Return):
            return True
        if not isinstance(child, NOT_DESCENDED) and returns(child):
            return True
    return False


def namespace(output, values):
    """The names the code sees: the row's values by name, then the fixed ones, which win."""
    names = {}
    for name, value in values.items():
        if name.isidentifier() and not keyword.iskeyword(name):
            names[name] = value
    names.update({
        "__builtins__": __builtins__,
        "re": re,
        "json": json,
        "output": output,
        "vars": values,
        "variables": values,
        "input": values,
        "context": {"vars": values},
    })
    return names


def judge(code, names):
    """The value the code gives: an expression's value, a body's return value, or the statements' `passed`."""
    tree = ast.parse(code, "<evaluator>", "exec")
    if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr):
        return eval(compile(ast.Expression(tree.body[0].value), "<evaluator>", "eval"), names)
    if returns(tree):
        # the code is a function's body, as the corpus runner reads `return ...`: wrap its statements (not its
        # text) in a function of this Python's own shape
        function = ast.parse("def __idem_check():\n    pass").body[0]
        function.body = tree.body
        module = ast.Module(body=[function], type_ignores=[])
        exec(compile(ast.fix_missing_locations(module), "<evaluator>", "exec"), names)
        return names["__idem_check"]()
    exec(compile(tree, "<evaluator>", "exec"), names)
    if "passed" not in names:
        raise LookupError("the code neither is an expression, nor returns a value, nor sets `passed`")
    return names["passed"]


def main():
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    names = namespace(request["output"], dict(request["values"]))
    try:
        with contextlib.redirect_stdout(sys.stderr):
            value = judge(request["code"], names)
        answer = {"passed": bool(value), "value": repr(value)[:200]}
    except SyntaxError as e:
        answer = {"error": "SyntaxError: %s (line %s)" % (e.msg, e.lineno)}
    except BaseException as e:  # the code's own failure, whatever it is, is the evaluator's verdict
        answer = {"error": "%s: %s" % (type(e).__name__, str(e)[:300])}
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()


main()
