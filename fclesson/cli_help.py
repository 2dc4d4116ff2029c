"""The command line's help, in English and in Chinese (``--lang``).

`fclesson.cli` builds its parser from ``HELP[language]``; argparse's own
words (``usage:``, ``options``, the ``-h`` line) come from ``ARGPARSE``.
"""

__all__ = ["HELP", "ARGPARSE"]

HELP = {
    "en": {
        "description": "Gradient checking of a fully-connected network (lesson 4).",
        "exit": """\
exit status:
  0  the check passed (train: training ran, even if it diverged)
  1  the check failed: some weight is outside its tolerance
  2  usage error: an unknown command or a bad option
""",
        "lang": "print in English or Chinese (default: $FCLESSON_LANG, else the "
                "locale's language)",
        "check": "gradient-check the 2-2-1 gender network on one sample",
        "check-description": "Gradient-check the 2-2-1 gender network on one sample.",
        "check-epilog": """\
A weight passes when |backprop - numerical| < tol, the lesson's rule; with
--rtol R > 0, when |backprop - numerical| <= tol + R * |numerical| (the rule of
numpy.isclose), which judges large and small gradients alike.

exit status:
  0  every weight passed
  1  at least one weight failed
  2  usage error: a bad option
""",
        "h": "step (default 1e-4 for central, 1e-20 for complex-step)",
        "tol": "absolute tolerance: a weight passes when |backprop - numerical| < tol "
               "(default 1e-4)",
        "rtol": "relative tolerance, >= 0 (default 0, the lesson's rule); for code of "
                "your own, --tol 1e-5 --rtol 1e-3, the defaults of "
                "torch.autograd.gradcheck",
        "seed": "seed of the random weights, >= 0 (default 0)",
        "json": "print the report as JSON instead of a table",
        "method": "numerical gradient: (E(w+h) - E(w-h)) / 2h, or Im E(w+ih) / h "
                  "(default central)",
        "loop": "check weight by weight, the lesson's loop, instead of in batches",
        "train": "train the gender demo and predict",
        "train-description": "Train the gender demo and predict the two new people.",
        "train-epilog": "exit status: 0, also when training diverges (a warning on "
                        "stderr);\n2 on a usage error.",
        "eta": "learning rate (default 0.1)",
        "epochs": "passes over the training set (default 1000)",
        "train-seed": "seed of the initial weights, >= 0 (default 0)",
    },
    "zh": {
        "description": "全连接网络的梯度检查（第 4 课）。",
        "exit": """\
退出状态：
  0  检查通过（train：训练已跑完，即使发散了也一样）
  1  检查未通过：有权重超出了容差
  2  用法错误：未知的命令或错误的选项
""",
        "lang": "用英文（en）或中文（zh）打印（默认取 $FCLESSON_LANG，否则取系统区域设置的语言）",
        "check": "在一个样本上对 2-2-1 的“判断性别”网络做梯度检查",
        "check-description": "在一个样本上对 2-2-1 的“判断性别”网络做梯度检查。",
        "check-epilog": """\
当 |反向传播 - 数值估计| < tol 时，权重通过，这是本课的规则；若 --rtol R > 0，
则当 |反向传播 - 数值估计| <= tol + R * |数值估计| 时通过（numpy.isclose 的规则），
大梯度和小梯度一视同仁。

退出状态：
  0  所有权重都通过
  1  至少有一个权重未通过
  2  用法错误：错误的选项
""",
        "h": "步长（中心差分默认 1e-4，复步长默认 1e-20）",
        "tol": "绝对容差：|反向传播 - 数值估计| < tol 时权重通过（默认 1e-4）",
        "rtol": "相对容差，>= 0（默认 0，即本课的规则）；检查你自己的代码时用 "
                "--tol 1e-5 --rtol 1e-3，即 torch.autograd.gradcheck 的默认值",
        "seed": "随机权重的种子，>= 0（默认 0）",
        "json": "以 JSON 格式打印报告，而不是表格",
        "method": "数值梯度：(E(w+h) - E(w-h)) / 2h（中心差分，默认），或 Im E(w+ih) / h"
                  "（复步长）",
        "loop": "逐个权重检查（本课的循环），而不是分批检查",
        "train": "训练“判断性别”网络并做预测",
        "train-description": "训练“判断性别”网络，并预测两个新来的人。",
        "train-epilog": "退出状态：0，训练发散时也一样（stderr 上会有警告）；\n用法错误时为 2。",
        "eta": "学习率（默认 0.1）",
        "epochs": "训练集要过的轮数（默认 1000）",
        "train-seed": "初始权重的种子，>= 0（默认 0）",
    },
}

ARGPARSE = {
    "en": {"usage": "usage: ", "options": "options",
           "positional": "positional arguments",
           "help": "show this help message and exit"},
    "zh": {"usage": "用法：", "options": "选项", "positional": "位置参数",
           "help": "显示这条帮助信息并退出"},
}
