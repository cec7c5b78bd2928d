<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Accessibility</name>
    <message>
        <source>{chain}; selected: {layer}</source>
        <translation>{chain}；已选：{layer}</translation>
    </message>
    <message>
        <source>{chain}; every layer</source>
        <translation>{chain}；全部层</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>{chain}; now {layer}, {way}</source>
        <translation>{chain}；当前 {layer}，{way}</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>{name}: no values yet</source>
        <translation>{name}：尚无数值</translation>
    </message>
    <message>
        <source>{name}: one value, {y} at {x}</source>
        <translation>{name}：一个值，{x} 处为 {y}</translation>
    </message>
    <message>
        <source>rising</source>
        <translation>上升</translation>
    </message>
    <message>
        <source>falling</source>
        <translation>下降</translation>
    </message>
    <message>
        <source>flat</source>
        <translation>持平</translation>
    </message>
    <message>
        <source>{name}: {n} points, last {y} at {x}, {trend}; from {lo} to {hi}</source>
        <translation>{name}：{n} 个点，最后一个值 {y}（在 {x}），{trend}；范围 {lo} 至 {hi}</translation>
    </message>
    <message>
        <source>curve</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>{n} points</source>
        <translation>{n} 个点</translation>
    </message>
    <message>
        <source>{h}×{w} image, values {lo} to {hi}</source>
        <translation>{h}×{w} 图像，数值 {lo} 至 {hi}</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
    <message>
        <source>Empty plot</source>
        <translation>空图</translation>
    </message>
    <message>
        <source>No answer yet</source>
        <translation>尚无答案</translation>
    </message>
    <message>
        <source>Answer {a} with {pa}; next {b} with {pb}, a margin of {m} points</source>
        <translation>答案 {a}，概率 {pa}；其次 {b}，概率 {pb}，领先 {m} 个百分点</translation>
    </message>
    <message>
        <source>{n} maps of {h}×{w}, no values</source>
        <translation>{n} 个 {h}×{w} 特征图，尚无数值</translation>
    </message>
    <message>
        <source>{h}×{w}, values {lo} to {hi}, strongest at row {r}, column {c}: {text}</source>
        <translation>{h}×{w}，数值 {lo} 至 {hi}，绝对值最大处在第 {r} 行、第 {c} 列：{text}</translation>
    </message>
    <message>
        <source>{n} maps of {h}×{w}, values {lo} to {hi}, strongest: map {t} at row {r}, column {c}: {text}</source>
        <translation>{n} 个 {h}×{w} 特征图，数值 {lo} 至 {hi}，绝对值最大：第 {t} 个图第 {r} 行、第 {c} 列：{text}</translation>
    </message>
    <message>
        <source>No values yet</source>
        <translation>尚无数值</translation>
    </message>
    <message>
        <source>No picture</source>
        <translation>没有图像</translation>
    </message>
    <message>
        <source>{w}×{h} picture, blank</source>
        <translation>{w}×{h} 图像，空白</translation>
    </message>
    <message>
        <source>{w}×{h} picture, marks on {p} % of it, centred at row {r}, column {c}</source>
        <translation>{w}×{h} 图像，笔迹占 {p} %，中心在第 {r} 行、第 {c} 列</translation>
    </message>
    <message>
        <source>{n} bars; largest {first}, ahead of {second} by {margin}; smallest {last}</source>
        <translation>{n} 个柱；最大 {first}，比 {second} 高 {margin}；最小 {last}</translation>
    </message>
    <message>
        <source>&amp;Accessibility</source>
        <translation>无障碍(&amp;A)</translation>
    </message>
    <message>
        <source>Next panel</source>
        <translation>下一个面板</translation>
    </message>
    <message>
        <source>Move the keyboard focus into the next panel (F6)</source>
        <translation>把键盘焦点移到下一个面板（F6）</translation>
    </message>
    <message>
        <source>Previous panel</source>
        <translation>上一个面板</translation>
    </message>
    <message>
        <source>Move the keyboard focus into the previous panel (Shift+F6)</source>
        <translation>把键盘焦点移到上一个面板（Shift+F6）</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <source>Make every text of the window larger (Ctrl+=)</source>
        <translation>放大窗口中的所有文字（Ctrl+=）</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <source>Make every text of the window smaller (Ctrl+-)</source>
        <translation>缩小窗口中的所有文字（Ctrl+-）</translation>
    </message>
    <message>
        <source>Normal text size</source>
        <translation>默认文字大小</translation>
    </message>
    <message>
        <source>The system&apos;s text size again (Ctrl+0)</source>
        <translation>恢复系统的文字大小（Ctrl+0）</translation>
    </message>
    <message>
        <source>High contrast</source>
        <translation>高对比度</translation>
    </message>
    <message>
        <source>Black on white with strong frames; on by itself when the system asks for more contrast</source>
        <translation>白底黑字、粗边框；系统要求更高对比度时自动开启</translation>
    </message>
    <message>
        <source>Moving between panels with the keyboard, the size of the text and the high-contrast look.</source>
        <translation>用键盘在面板之间移动、文字大小和高对比度外观。</translation>
    </message>
    <message>
        <source>No message</source>
        <translation>无消息</translation>
    </message>
    <message>
        <source>Status bar</source>
        <translation>状态栏</translation>
    </message>
</context>
<context>
    <name>ArchitecturePanel</name>
    <message>
        <source>Click a layer to select it in every panel</source>
        <translation>点击某一层，在所有面板中选中它</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>softmax</translation>
    </message>
    <message>
        <source>LeNet-5 (the course&apos;s Figure 1): click a layer</source>
        <translation>LeNet-5（课程的图 1）：点击某一层</translation>
    </message>
    <message>
        <source>Trainable parameters and connections</source>
        <translation>可训练参数与连接数</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>How the course counts them</source>
        <translation>课程的计算方法</translation>
    </message>
    <message>
        <source>Rows: S2 map k. Columns: C3 map m. X: C3 map m reads S2 map k.</source>
        <translation>行：S2 特征图 k。列：C3 特征图 m。X：C3 特征图 m 读取 S2 特征图 k。</translation>
    </message>
    <message>
        <source>With {p}-pooling S2 and S4 have no parameters. The course&apos;s 12 and 32 parameters and 5,880 and 2,000 connections are those of the trainable sub-sampling (preset &quot;LeNet-5 1998&quot;).</source>
        <translation>采用 {p}-pooling 时 S2 和 S4 没有参数。课程中的 12 和 32 个参数、5,880 和 2,000 个连接属于可训练的下采样（预设 &quot;LeNet-5 1998&quot;）。</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>S2 map {k} → C3 map {m}: {state}</source>
        <translation>S2 特征图 {k} → C3 特征图 {m}：{state}</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>有连接</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>无连接</translation>
    </message>
    <message>
        <source>C3 connection table (Table 1): rows S2 map k = 0…5, columns C3 map m = 0…15; {n} of 96 pairs connected</source>
        <translation>C3 连接表（表 1）：行为 S2 特征图 k = 0…5，列为 C3 特征图 m = 0…15；96 对中有 {n} 对相连</translation>
    </message>
</context>
<context>
    <name>BackpropWalk</name>
    <message>
        <source>x (input)</source>
        <translation>x（输入）</translation>
    </message>
    <message>
        <source>Forward: INPUT → C1 → S2 → C3 → S4</source>
        <translation>前向：INPUT → C1 → S2 → C3 → S4</translation>
    </message>
    <message>
        <source>Each map slides a shared 5×5 kernel over the maps before it, adds a bias and applies f; sub-sampling halves each map.</source>
        <translation>每个特征图用一个共享的 5×5 卷积核在前一层的特征图上滑动，加上偏差并经过 f；下采样把每个特征图缩小一半。</translation>
    </message>
    <message>
        <source>y (softmax)</source>
        <translation>y（Softmax 输出）</translation>
    </message>
    <message>
        <source>Forward: C5 → F6 → F7 → softmax y, cost J</source>
        <translation>前向：C5 → F6 → F7 → softmax y，代价函数 J</translation>
    </message>
    <message>
        <source>The softmax turns f7 into probabilities y; J = −log y_z = {J:.4g} for z = {z} (the net predicts {pred}, y = {y:.3g}).</source>
        <translation>softmax 把 f7 变成概率 y；z = {z} 时 J = −log y_z = {J:.4g}（网络预测为 {pred}，y = {y:.3g}）。</translation>
    </message>
    <message>
        <source>z (label)</source>
        <translation>z（标签）</translation>
    </message>
    <message>
        <source>Softmax: δ(f7) = −(z − y)</source>
        <translation>Softmax：δ(f7) = −(z − y)</translation>
    </message>
    <message>
        <source>Each softmax input&apos;s sensitivity is the output minus the label: yᵢ − zᵢ.</source>
        <translation>softmax 每个输入的敏感值等于输出减去标签：yᵢ − zᵢ。</translation>
    </message>
    <message>
        <source>F7 has no f here, so δ(u_f7) = δ(f7); a weight&apos;s δ is δ(u) times the input it multiplies; each {prev} output sums all {n} δ(u) through its weights.</source>
        <translation>这里 F7 没有 f，所以 δ(u_f7) = δ(f7)；权值的 δ 是 δ(u) 乘以它所乘的输入；{prev} 的每个输出通过权值对全部 {n} 个 δ(u) 求和。</translation>
    </message>
    <message>
        <source>δ(u) is δ({L}) times the slope f&apos;; a weight&apos;s δ is δ(u) times the input it multiplies; each {prev} output sums all {n} δ(u) through its weights.</source>
        <translation>δ(u) 是 δ({L}) 乘以斜率 f&apos;；权值的 δ 是 δ(u) 乘以它所乘的输入；{prev} 的每个输出通过权值对全部 {n} 个 δ(u) 求和。</translation>
    </message>
    <message>
        <source>{L}: δ(u), δ(w), δ(b), δ({prev})</source>
        <translation>{L}：δ(u)、δ(w)、δ(b)、δ({prev})</translation>
    </message>
    <message>
        <source>C5: δ(u), δ(w5), δ(b5), δ(s4) via w5₍ᵢ₋₂,ⱼ₋₂₎</source>
        <translation>C5：δ(u)、δ(w5)、δ(b5)，经 w5₍ᵢ₋₂,ⱼ₋₂₎ 得 δ(s4)</translation>
    </message>
    <message>
        <source>Each S4 value sums all 120 C5 input sensitivities through the kernel element (i−2, j−2) that touched it.</source>
        <translation>每个 S4 值通过作用于它的卷积核元素 (i−2, j−2)，对全部 120 个 C5 输入敏感值求和。</translation>
    </message>
    <message>
        <source>A {C} value gets its window&apos;s δ({s}) if it was the window&apos;s maximum (one winner per window: the first maximum in row-major order), else zero.</source>
        <translation>若 {C} 值是其窗口的最大值，就得到该窗口的 δ({s})（每个窗口只有一个胜者：按行优先顺序的第一个最大值），否则为零。</translation>
    </message>
    <message>
        <source>Mean pooling spreads a quarter of each δ({s}) to the four {c} values.</source>
        <translation>平均池化把每个 δ({s}) 的四分之一分给四个 {c} 值。</translation>
    </message>
    <message>
        <source>Trainable sub-sampling s = f(a·Σc + b): δ(u) = δ({s})·f&apos;, a and b collect it over the map, and each {c} value gets a·δ(u).</source>
        <translation>可训练的下采样 s = f(a·Σc + b)：δ(u) = δ({s})·f&apos;，a 和 b 在整个特征图上累加它，每个 {c} 值得到 a·δ(u)。</translation>
    </message>
    <message>
        <source>{S}: {what} routes δ({s}) to δ({c})</source>
        <translation>{S}：{what} 把 δ({s}) 传给 δ({c})</translation>
    </message>
    <message>
        <source>A kernel is shared by 100 positions, so its δ sums δ(u)·s2 over them (Table 1 blanks stay 0); each S2 value collects δ(u) through the kernels turned 180°.</source>
        <translation>一个卷积核由 100 个位置共享，所以它的 δ 是这些位置上 δ(u)·s2 之和（表 1 的空白处保持为 0）；每个 S2 值通过旋转 180° 的卷积核收集 δ(u)。</translation>
    </message>
    <message>
        <source>A kernel is shared by 100 positions, so its δ sums δ(u)·s2 over them; each S2 value collects δ(u) through the kernels turned 180°.</source>
        <translation>一个卷积核由 100 个位置共享，所以它的 δ 是这些位置上 δ(u)·s2 之和；每个 S2 值通过旋转 180° 的卷积核收集 δ(u)。</translation>
    </message>
    <message>
        <source>C3: δ(u), δ(w3), δ(b3), δ(s2) via rotated kernels</source>
        <translation>C3：δ(u)、δ(w3)、δ(b3)，经旋转的卷积核得 δ(s2)</translation>
    </message>
    <message>
        <source>C1: δ(u), δ(w1), δ(b1)</source>
        <translation>C1：δ(u)、δ(w1)、δ(b1)</translation>
    </message>
    <message>
        <source>Each C1 kernel is shared by 784 positions: its δ sums δ(u) times the input pixel under each kernel element.</source>
        <translation>每个 C1 卷积核由 784 个位置共享：它的 δ 是 δ(u) 乘以每个卷积核元素下的输入像素之和。</translation>
    </message>
    <message>
        <source>|δ(x)| (saliency)</source>
        <translation>|δ(x)|（显著图）</translation>
    </message>
    <message>
        <source>Input: δ(x), a saliency map</source>
        <translation>输入：δ(x)，显著图</translation>
    </message>
    <message>
        <source>Not in the course, same chain rule: the pixels whose change would move J the most.</source>
        <translation>课程中没有，但用同一链式求导法则：改变后最能影响 J 的像素。</translation>
    </message>
    <message>
        <source>Every parameter moves against its sensitivity; for this sample J drops from {before} to {after}.</source>
        <translation>每个参数都朝其敏感值的反方向移动；对这个样本，J 从 {before} 降到 {after}。</translation>
    </message>
    <message>
        <source>Every parameter moves against its sensitivity; for this sample J does not drop from {before} to {after}.</source>
        <translation>每个参数都朝其敏感值的反方向移动；对这个样本，J 没有下降：{before} → {after}。</translation>
    </message>
    <message>
        <source>Update: θ := θ − α·δ(θ)</source>
        <translation>更新：θ := θ − α·δ(θ)</translation>
    </message>
    <message>
        <source>δ(f7ᵢ)  (no f at F7)</source>
        <translation>δ(f7ᵢ)  （F7 不用 f）</translation>
    </message>
    <message>
        <source>outside every window</source>
        <translation>不在任何窗口内</translation>
    </message>
    <message>
        <source>{name}  ← winner</source>
        <translation>{name}  ← 胜者</translation>
    </message>
    <message>
        <source>{n} values tie for the maximum: the first in row-major order wins (the course would copy δ to each)</source>
        <translation>有 {n} 个值并列最大：按行优先顺序的第一个胜出（课程会把 δ 复制给每一个）</translation>
    </message>
    <message>
        <source>1 if {c} is its window&apos;s maximum (the first one on a tie), else 0</source>
        <translation>若 {c} 是其窗口的最大值（并列时取第一个）则为 1，否则为 0</translation>
    </message>
    <message>
        <source>({k}, {m}) is not in Table 1 (Cbn): δ(w3) := 0, the kernel stays 0</source>
        <translation>({k}, {m}) 不在表 1（Cbn）中：δ(w3) := 0，该卷积核保持为 0</translation>
    </message>
    <message>
        <source>Table 1 connects S2 map {k} to C3 maps {ms}</source>
        <translation>表 1 把 S2 特征图 {k} 连到 C3 特征图 {ms}</translation>
    </message>
    <message>
        <source>the terms of δ(x); then |·|</source>
        <translation>δ(x) 的各项；再取 |·|</translation>
    </message>
    <message>
        <source>u = {u}, then f(u) = {f}</source>
        <translation>u = {u}，再经 f：f(u) = {f}</translation>
    </message>
    <message>
        <source>the input pixel</source>
        <translation>输入像素</translation>
    </message>
    <message>
        <source>f(Σ w·input + b)</source>
        <translation>f(Σ w·输入 + b)</translation>
    </message>
    <message>
        <source>max of the 2×2 window</source>
        <translation>2×2 窗口的最大值</translation>
    </message>
    <message>
        <source>¼·Σ of the 2×2 window</source>
        <translation>2×2 窗口的 ¼·Σ</translation>
    </message>
    <message>
        <source>f(a{n}·Σ window + b{n})</source>
        <translation>f(a{n}·Σ 窗口 + b{n})</translation>
    </message>
    <message>
        <source>Σ w·input + b</source>
        <translation>Σ w·输入 + b</translation>
    </message>
    <message>
        <source>the terms are all ten yⱼ; they sum to 1</source>
        <translation>各项即全部十个 yⱼ；它们之和为 1</translation>
    </message>
    <message>
        <source>1 if i is the label, else 0</source>
        <translation>若 i 是标签则为 1，否则为 0</translation>
    </message>
    <message>
        <source>label z = {z}</source>
        <translation>标签 z = {z}</translation>
    </message>
    <message>
        <source>C3 is full here: every S2 map feeds every C3 map (no Cbn mask).</source>
        <translation>这里 C3 为全连接：每个 S2 特征图都连到每个 C3 特征图（没有 Cbn 掩膜）。</translation>
    </message>
    <message>
        <source>Cbn is the set of the 60 pairs (k, m) marked in the course&apos;s Table 1: S2 map k feeds C3 map m. The course&apos;s written-out Cbn list has a typo (it lists (5,14) twice and lacks (5,13)); Table 1 is the authority, used here.</source>
        <translation>Cbn 是课程表 1 中标出的 60 个 (k, m) 对的集合：S2 特征图 k 连到 C3 特征图 m。课程中逐项写出的 Cbn 列表有笔误（(5,14) 出现两次，缺少 (5,13)）；以表 1 为准，这里用的就是表 1。</translation>
    </message>
    <message>
        <source>f at F7, as the course writes it: a bounded f caps the probabilities (with 1.7159·tanh, y ≤ 0.775, so J ≥ 0.255 even for a perfect answer) and the gradient never stops pushing.</source>
        <translation>按课程的写法在 F7 上用 f：有界的 f 限制了概率（用 1.7159·tanh 时 y ≤ 0.775，即使完全答对 J ≥ 0.255），梯度永远不会停止推动。</translation>
    </message>
    <message>
        <source>F7 is linear here (the default): with f at F7, a bounded f caps the probabilities (1.7159·tanh: y ≤ 0.775, so J ≥ 0.255 even for a perfect answer); without it y can reach 1 and J 0.</source>
        <translation>这里 F7 是线性的（默认）：若在 F7 上用 f，有界的 f 会限制概率（1.7159·tanh：y ≤ 0.775，即使完全答对 J ≥ 0.255）；不用 f 时 y 可以达到 1，J 可以降到 0。</translation>
    </message>
    <message>
        <source>{msk} is the course&apos;s mask matrix (掩膜矩阵). The model routes each window&apos;s δ to ONE element, the first maximum in row-major order (the smallest 2u+v; as PyTorch does). The course&apos;s msk below is 1 at EVERY element equal to the maximum, which copies δ to every tied maximum: on the flat background most windows are ties, and the copies would double-count.</source>
        <translation>{msk} 是课程中的掩膜矩阵。模型把每个窗口的 δ 只传给一个元素：按行优先顺序的第一个最大值（2u+v 最小者；与 PyTorch 相同）。下面课程的 msk 在每个等于最大值的元素处都为 1，会把 δ 复制给每个并列的最大值：在平坦的背景上多数窗口都是并列，复制会重复计数。</translation>
    </message>
    <message>
        <source>Zero padding: in δ(s2) the C3 indices i−2+u and j−2+v run over −4…15, but C3 maps are 0…9; the terms outside are zero (δ(u_c3) padded with 4 zeros on every side). The course does not say so.</source>
        <translation>补零：δ(s2) 中 C3 的下标 i−2+u 和 j−2+v 取值 −4…15，而 C3 特征图只有 0…9；超出范围的项为零（δ(u_c3) 四周各补 4 个零）。课程没有说明这一点。</translation>
    </message>
    <message>
        <source>Training adds weight decay λ = {wd:g} (J + λ/2·Σw² on the weights, not the biases: each step also takes α·λ·w off every w) and momentum μ = {mu:g} over mini-batches of images; this step is the course&apos;s plain θ := θ − α·∂J/∂θ on one sample.</source>
        <translation>训练中还加入了权值衰减 λ = {wd:g}（对权值而非偏差使用 J + λ/2·Σw²：每一步还从每个 w 减去 α·λ·w）和动量 μ = {mu:g}，并在小批量图片上进行；这一步是课程中对单个样本的朴素学习公式 θ := θ − α·∂J/∂θ。</translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <source>Drawing canvas</source>
        <translation>画板</translation>
    </message>
    <message>
        <source>Probabilities y of the ten digits</source>
        <translation>十个数字的概率 y</translation>
    </message>
    <message>
        <source>Pen</source>
        <translation>画笔</translation>
    </message>
    <message>
        <source>Draw with the left button (the right button always erases)</source>
        <translation>按左键绘制（右键总是擦除）</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>橡皮</translation>
    </message>
    <message>
        <source>Rub out with the left button</source>
        <translation>按左键擦除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo the last stroke (Ctrl+Z)</source>
        <translation>撤销上一笔（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Wipe the canvas</source>
        <translation>清空画布</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>载入…</translation>
    </message>
    <message>
        <source>Put a PNG or JPEG picture of a digit on the canvas (light-on-dark or dark-on-light)</source>
        <translation>把一张数字的 PNG 或 JPEG 图片放到画布上（深底浅字或浅底深字均可）</translation>
    </message>
    <message>
        <source>Brush width in canvas pixels (the canvas is 280×280, ten times MNIST&apos;s 28×28)</source>
        <translation>笔刷宽度，以画布像素计（画布为 280×280，是 MNIST 28×28 的十倍）</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Classify while drawing, up to 10 times a second</source>
        <translation>边画边分类，每秒最多 10 次</translation>
    </message>
    <message>
        <source>Use as probe</source>
        <translation>用作探针样本</translation>
    </message>
    <message>
        <source>Show the drawing in the feature-map, δ and stepper panels</source>
        <translation>在特征图、δ 和逐步演示面板中显示这幅画</translation>
    </message>
    <message>
        <source>Send to Explain</source>
        <translation>发送到“解释”</translation>
    </message>
    <message>
        <source>Make the drawing the probe and show the Explain panel</source>
        <translation>把手写数字设为探针样本并显示“解释”面板</translation>
    </message>
    <message>
        <source>La&amp;bel</source>
        <translation>标签(&amp;B)</translation>
    </message>
    <message>
        <source>The digit you drew (keys 0–9 on the canvas choose it and add the drawing)</source>
        <translation>你写的数字（在画布上按 0–9 键即选定它并加入这幅画）</translation>
    </message>
    <message>
        <source>Label of the drawing</source>
        <translation>这幅画的标签</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>Add to my digits</source>
        <translation>加入我的数字</translation>
    </message>
    <message>
        <source>Keep the drawing, under its label, in My digits (or press its key, 0–9, on the canvas)</source>
        <translation>把这幅画按它的标签存入“我的数字”（或在画布上按它的键 0–9）</translation>
    </message>
    <message>
        <source>Undo add</source>
        <translation>撤销加入</translation>
    </message>
    <message>
        <source>Take the last added digit out of My digits again</source>
        <translation>把最后加入的数字从“我的数字”中取出</translation>
    </message>
    <message>
        <source>Draw a digit here (0–9)</source>
        <translation>在这里写一个数字（0–9）</translation>
    </message>
    <message>
        <source>LeNet-5 says</source>
        <translation>LeNet-5 认为</translation>
    </message>
    <message>
        <source>The run whose weights classify the drawing: the best one unless you choose another (Runs panel: Use for the canvas)</source>
        <translation>用来识别手写数字的训练运行的权值：默认是最好的一个，也可以另选（训练运行面板：用于画板）</translation>
    </message>
    <message>
        <source>drawn</source>
        <translation>手写</translation>
    </message>
    <message>
        <source>cropped</source>
        <translation>裁剪</translation>
    </message>
    <message>
        <source>fit into 20×20</source>
        <translation>缩放到 20×20</translation>
    </message>
    <message>
        <source>centred</source>
        <translation>居中</translation>
    </message>
    <message>
        <source>network input</source>
        <translation>网络输入</translation>
    </message>
    <message>
        <source>Width %n</source>
        <translation>宽度 %n</translation>
    </message>
    <message>
        <source>model: {0} at batch {1:,}</source>
        <translation>模型：{0}，第 {1:,} 批时</translation>
    </message>
    <message>
        <source>model: {0}</source>
        <translation>模型：{0}</translation>
    </message>
    <message>
        <source>Draw a digit first.</source>
        <translation>请先写一个数字。</translation>
    </message>
    <message>
        <source>No My digits folder.</source>
        <translation>没有“我的数字”文件夹。</translation>
    </message>
    <message>
        <source>Cannot add the digit: {0}</source>
        <translation>无法加入这个数字：{0}</translation>
    </message>
    <message>
        <source>Cannot undo: {0}</source>
        <translation>无法撤销：{0}</translation>
    </message>
    <message>
        <source>Added as {0} ({1} digits)</source>
        <translation>已作为 {0} 加入（共 {1} 个数字）</translation>
    </message>
    <message>
        <source>Taken back ({0} digits)</source>
        <translation>已取回（共 {0} 个数字）</translation>
    </message>
    <message>
        <source>No prediction: the canvas is empty.</source>
        <translation>没有预测：画布是空的。</translation>
    </message>
    <message>
        <source>Draw a digit, or load a picture of one.</source>
        <translation>写一个数字，或载入一张数字图片。</translation>
    </message>
    <message>
        <source>No weights yet.</source>
        <translation>还没有权值。</translation>
    </message>
    <message>
        <source>Train the network or open a checkpoint.</source>
        <translation>请训练网络或打开一个检查点。</translation>
    </message>
    <message>
        <source>%1 sure</source>
        <translation>把握 %1</translation>
    </message>
    <message>
        <source>margin over %1: %2 points</source>
        <translation>领先 %1：%2 个百分点</translation>
    </message>
    <message>
        <source>Probe of the other panels.</source>
        <translation>其他面板的探针样本。</translation>
    </message>
    <message>
        <source>Load a picture of a digit</source>
        <translation>载入一张数字图片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp);;All files (*)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.bmp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot read %1 as an image.</source>
        <translation>无法把 %1 作为图片读取。</translation>
    </message>
    <message>
        <source>%1 looks blank: no digit found.</source>
        <translation>%1 看起来是空白的：没有找到数字。</translation>
    </message>
</context>
<context>
    <name>DeltasPanel</name>
    <message>
        <source>δ(u) of C1 · 6@28×28</source>
        <translation>C1 的 δ(u) · 6 个 28×28</translation>
    </message>
    <message>
        <source>δ(u) of C3 · 16@10×10</source>
        <translation>C3 的 δ(u) · 16 个 10×10</translation>
    </message>
    <message>
        <source>δ(u) of C5 · 120 (10×12 grid)</source>
        <translation>C5 的 δ(u) · 120（10×12 网格）</translation>
    </message>
    <message>
        <source>δ(u) of F6 · 84 (7×12 grid)</source>
        <translation>F6 的 δ(u) · 84（7×12 网格）</translation>
    </message>
    <message>
        <source>δ(u) of F7 · 10</source>
        <translation>F7 的 δ(u) · 10</translation>
    </message>
    <message>
        <source>δ of:</source>
        <translation>δ 来自：</translation>
    </message>
    <message>
        <source>the hardest test image</source>
        <translation>最难的测试图片</translation>
    </message>
    <message>
        <source>the probe (toolbar)</source>
        <translation>探针样本（工具栏）</translation>
    </message>
    <message>
        <source>Colour levels:</source>
        <translation>颜色范围：</translation>
    </message>
    <message>
        <source>per frame</source>
        <translation>每帧</translation>
    </message>
    <message>
        <source>per layer, tracked</source>
        <translation>每层，跟踪</translation>
    </message>
    <message>
        <source>δ(w) of C1 kernels · 6×5×5</source>
        <translation>C1 卷积核的 δ(w) · 6×5×5</translation>
    </message>
    <message>
        <source>δ(w1{k}) · 5×5</source>
        <translation>δ(w1{k}) · 5×5</translation>
    </message>
    <message>
        <source>δ(w) of C3 kernels · 16×6×5×5</source>
        <translation>C3 卷积核的 δ(w) · 16×6×5×5</translation>
    </message>
    <message>
        <source>Table 1 layout: rows S2 map k, columns C3 map m; hatched: not connected, δ(w3) = 0 there</source>
        <translation>按表 1 排列：行为 S2 特征图 k，列为 C3 特征图 m；阴影：无连接，那里 δ(w3) = 0</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <source>‖δ(w)‖ (log)</source>
        <translation>‖δ(w)‖（对数）</translation>
    </message>
    <message>
        <source>Layer health: ‖δ(w)‖ per training step</source>
        <translation>各层健康度：每个训练步的 ‖δ(w)‖</translation>
    </message>
    <message>
        <source>log scale, mini-batch gradients; a line sinking by decades is a vanishing gradient, one climbing steeply an exploding one</source>
        <translation>对数坐标，小批量梯度；成数量级下沉的曲线表示梯度消失，陡升的表示梯度爆炸</translation>
    </message>
    <message>
        <source>{caption}: map {k}</source>
        <translation>{caption}：特征图 {k}</translation>
    </message>
    <message>
        <source>{name}: S2 map {k} → C3 map {m} not connected (Table 1)</source>
        <translation>{name}：S2 特征图 {k} → C3 特征图 {m} 无连接（表 1）</translation>
    </message>
    <message>
        <source>δ(w3{km}): S2 map {k} → C3 map {m}</source>
        <translation>δ(w3{km})：S2 特征图 {k} → C3 特征图 {m}</translation>
    </message>
    <message>
        <source> (not connected in Table 1)</source>
        <translation>（表 1 中无连接）</translation>
    </message>
    <message>
        <source>Levels per frame: ± the 99th percentile of each map&apos;s |δ| now; 0 is white.</source>
        <translation>颜色范围按帧：每个特征图当前 |δ| 的 ± 第 99 百分位数；0 为白色。</translation>
    </message>
    <message>
        <source>Levels tracked per layer: colours compare across frames; 0 is white.</source>
        <translation>颜色范围按层跟踪：颜色可跨帧比较；0 为白色。</translation>
    </message>
    <message>
        <source> · the net says {pred}: the hardest of the first {n} test images ({wrong} wrong)</source>
        <translation> · 网络判为 {pred}：前 {n} 张测试图片中最难的一张（{wrong} 张错）</translation>
    </message>
    <message>
        <source>label z = {z}</source>
        <translation>标签 z = {z}</translation>
    </message>
    <message>
        <source>no label: z = the predicted digit {z}</source>
        <translation>无标签：z = 预测的数字 {z}</translation>
    </message>
    <message>
        <source>Probe: {source} · {z} · J = −log y{sub} = {J}</source>
        <translation>探针：{source} · {z} · J = −log y{sub} = {J}</translation>
    </message>
    <message>
        <source>= (y − z)·f′(u_f7): f at F7</source>
        <translation>= (y − z)·f′(u_f7)：F7 上用 f</translation>
    </message>
    <message>
        <source>= δ(f7) = y − z: F7 has no f (f7 = u_f7), so no f′ here</source>
        <translation>= δ(f7) = y − z：F7 不用 f（f7 = u_f7），这里没有 f′</translation>
    </message>
    <message>
        <source>This sample is learned: y{sub} = {y} for its label, so J = {J} &lt; {limit} and every δ is tiny (|δ(u)| ≤ {d}): there is nothing left to push back, and the maps would be blank. Choose “the hardest test image” above to see δ at work.</source>
        <translation>这个样本已经学会了：其标签的 y{sub} = {y}，所以 J = {J} &lt; {limit}，每个 δ 都极小（|δ(u)| ≤ {d}）：已没有什么需要反向传回，热图会是一片空白。请在上方选择“最难的测试图片”来观察 δ 的作用。</translation>
    </message>
</context>
<context>
    <name>Diagnosis</name>
    <message>
        <source>Saturated: {value} of {layer}&apos;s units have |u| &gt; 2, where f′(u) is below a quarter of its peak. Their δ(u) = δ(f)·f′(u) is almost 0, so their weights hardly learn. The usual cause is a learning rate α too high (the weights grew too large): lower α.</source>
        <translation>饱和：{layer} 层 {value} 的神经元 |u| &gt; 2，此处 f′(u) 不到其峰值的四分之一。它们的 δ(u) = δ(f)·f′(u) 几乎为 0，权值几乎学不动。通常的原因是学习速率 α 过大（权值长得太大）：请减小 α。</translation>
    </message>
    <message>
        <source>Not saturated: at most {value} of a layer&apos;s units ({layer}) have |u| &gt; 2.</source>
        <translation>未饱和：各层中 |u| &gt; 2 的神经元最多占 {value}（{layer} 层）。</translation>
    </message>
    <message>
        <source>Dead ReLUs: {value} of {layer}&apos;s units (a feature map counts as one) are never positive on the probe images. f′(u) = 0 for u ≤ 0, so their δ(u) = 0 and their weights never change again. A large negative bias or a too-high α causes it.</source>
        <translation>死亡 ReLU：{layer} 层 {value} 的神经元（一个特征图算一个）在探针图像上从不为正。u ≤ 0 时 f′(u) = 0，所以它们的 δ(u) = 0，权值再也不会改变。原因是很大的负偏差或过大的 α。</translation>
    </message>
    <message>
        <source>Few dead ReLUs: at most {value} of a layer&apos;s units ({layer}) are never positive.</source>
        <translation>死亡 ReLU 很少：各层中从不为正的神经元最多占 {value}（{layer} 层）。</translation>
    </message>
    <message>
        <source>Updates too large: one step changes {layer}&apos;s weights by {value} of their size (‖Δw‖/‖w‖; healthy is about 10⁻³). The update rule moves θ by α·∂J/∂θ: steps this large jump across the valley of J. Lower α.</source>
        <translation>更新过大：一步使 {layer} 层的权值改变其大小的 {value}（‖Δw‖/‖w‖；健康值约 10⁻³）。学习公式使 θ 移动 α·∂J/∂θ：这么大的步子会跨过 J 的谷底。请减小 α。</translation>
    </message>
    <message>
        <source>Updates tiny: one step changes {layer}&apos;s weights by only {value} of their size: learning has almost stopped (α is small, e.g. at the end of the schedule).</source>
        <translation>更新极小：一步只使 {layer} 层的权值改变其大小的 {value}：学习几乎停止（α 很小，例如在学习速率计划的末尾）。</translation>
    </message>
    <message>
        <source>Update size healthy: one step changes the weights by at most {value} of their size ({layer}); healthy is about 10⁻³.</source>
        <translation>更新大小健康：一步最多使权值改变其大小的 {value}（{layer} 层）；健康值约 10⁻³。</translation>
    </message>
    <message>
        <source>δ vanishes: mean |δ| in C1 is {value} of that in F7. On its way down δ is multiplied at every layer by f′(u) and by the weights; where f′ is small (a saturated tanh; the sigmoid&apos;s f′ ≤ ¼) almost nothing reaches C1, and the first layers stop learning.</source>
        <translation>δ 消失：C1 层的平均 |δ| 只有 F7 层的 {value}。δ 向下传播时在每一层都乘以 f′(u) 和权值；f′ 小的地方（饱和的 tanh；sigmoid 的 f′ ≤ ¼）几乎没有敏感值到达 C1，前几层停止学习。</translation>
    </message>
    <message>
        <source>δ explodes: mean |δ| in C1 is {value} times that in F7: large weights multiply it at every layer on its way down, and the first layers&apos; updates become huge. Lower α.</source>
        <translation>δ 爆炸：C1 层的平均 |δ| 是 F7 层的 {value} 倍：向下传播时每一层的大权值都放大它，前几层的更新变得巨大。请减小 α。</translation>
    </message>
    <message>
        <source>δ reaches C1: mean |δ| in C1 is {value} of that in F7 (max-pooling alone divides it by 16: it passes δ to one element of four, twice).</source>
        <translation>δ 到达 C1：C1 层的平均 |δ| 是 F7 层的 {value}（仅 max-pooling 就使其除以 16：它两次把 δ 只传给四个元素中的一个）。</translation>
    </message>
    <message>
        <source>Learning rate too high: the loss rose to {value} times its best so far: the steps overshoot. Lower α.</source>
        <translation>学习速率过大：代价 J 升到迄今最好值的 {value} 倍：步子迈过了头。请减小 α。</translation>
    </message>
    <message>
        <source>Learning rate too high: the loss became NaN or infinite (the last finite weights were restored). Lower α.</source>
        <translation>学习速率过大：代价 J 变成了 NaN 或无穷大（已恢复最后一组有限的权值）。请减小 α。</translation>
    </message>
    <message>
        <source>The loss is not rising: the newest mean J is {value} times the best so far.</source>
        <translation>代价没有上升：最新的平均 J 是迄今最好值的 {value} 倍。</translation>
    </message>
    <message>
        <source>A neuron passes its weighted sum u through the non-linear activation f; where f is flat (the sigmoid or tanh at large |u|), f′(u) is close to 0.</source>
        <translation>神经元把加权和 u 送入非线性的激活函数 f；在 f 平坦之处（|u| 较大时的 sigmoid 或 tanh），f′(u) 接近 0。</translation>
    </message>
    <message>
        <source>ReLU: its slope is 0 for every negative input, so a unit whose u is never positive passes no δ back and its weights stop learning.</source>
        <translation>ReLU：对每个负的输入，其斜率都为 0，因此 u 从不为正的神经元不向后传递任何 δ，它的权值也不再学习。</translation>
    </message>
    <message>
        <source>The input sensitivity δ(u) of a neuron, computed by the chain rule from the layer above: it travels from F7 down to C1 one layer at a time.</source>
        <translation>神经元的输入敏感值 δ(u)，按链式求导法则由更靠近输出的一层算出：它从 F7 逐层向下传到 C1。</translation>
    </message>
    <message>
        <source>α is the learning rate: how far each update moves θⱼ against its gradient ∂J/∂θⱼ.</source>
        <translation>α 是学习速率：每次更新让 θⱼ 沿其梯度 ∂J/∂θⱼ 的反方向移动多远。</translation>
    </message>
    <message>
        <source>Course section “{0}”</source>
        <translation>课程章节“{0}”</translation>
    </message>
    <message>
        <source>The chain rule at F7 (every layer alike): δ(u) = δ(f)·f′(u), the output&apos;s sensitivity times the slope of f.</source>
        <translation>F7 层的链式求导法则（每一层相同）：δ(u) = δ(f)·f′(u)，输出的敏感值乘以 f 的斜率。</translation>
    </message>
    <message>
        <source>The update rule of gradient descent.</source>
        <translation>梯度下降算法的学习公式。</translation>
    </message>
</context>
<context>
    <name>DistributionsPanel</name>
    <message>
        <source>weights w</source>
        <translation>权值 w</translation>
    </message>
    <message>
        <source>activation input u</source>
        <translation>激活函数输入 u</translation>
    </message>
    <message>
        <source>sensitivity δ(u) (log₁₀|δ|)</source>
        <translation>敏感值 δ(u)（log₁₀|δ|）</translation>
    </message>
    <message>
        <source>w</source>
        <translation>w</translation>
    </message>
    <message>
        <source>u</source>
        <translation>u</translation>
    </message>
    <message>
        <source>log₁₀|δ|</source>
        <translation>log₁₀|δ|</translation>
    </message>
    <message>
        <source>Histograms of</source>
        <translation>直方图：</translation>
    </message>
    <message>
        <source>Which quantity&apos;s histograms the heat views show</source>
        <translation>热图显示哪个量的直方图</translation>
    </message>
    <message>
        <source>Colour: the share of the layer&apos;s values in a bin</source>
        <translation>颜色：该层数值落在一个箱中的比例</translation>
    </message>
    <message>
        <source>What the distributions say, and where the course explains why</source>
        <translation>分布说明了什么，以及课程在哪一节讲解原因</translation>
    </message>
    <message>
        <source>no rows yet</source>
        <translation>尚无记录</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>{0} test images traced every {1} batches; {2} rows, batch {3:,} to {4:,}</source>
        <translation>每 {1} 批追踪 {0} 张测试图像；{2} 行，批次 {3:,} 到 {4:,}</translation>
    </message>
    <message>
        <source>Train to record the distributions (a row every {0} batches).</source>
        <translation>开始训练以记录分布（每 {0} 批一行）。</translation>
    </message>
    <message>
        <source>No diagnosis yet: the first row comes with the first batch trained.</source>
        <translation>尚无诊断：训练第一批后即有第一行。</translation>
    </message>
</context>
<context>
    <name>Evaluation</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Progress of the computation</source>
        <translation>计算进度</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>{0}: label {1}</source>
        <translation>{0}：标签 {1}</translation>
    </message>
    <message>
        <source>{0}: label {1}, the network says {2} ({3:.1f} %)</source>
        <translation>{0}：标签 {1}，网络认为是 {2}（{3:.1f} %）</translation>
    </message>
    <message>
        <source>Test #{0}: true {1}, predicted {2}, confidence {3:.1f} %. Click: make it the probe sample.</source>
        <translation>测试 #{0}：真实 {1}，预测 {2}，置信度 {3:.1f} %。点击：设为探针样本。</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Classify the 10,000 test images with the latest weights</source>
        <translation>用最新的权值对 10,000 张测试图片分类</translation>
    </message>
    <message>
        <source>acc.</source>
        <translation>准确</translation>
    </message>
    <message>
        <source>prec.</source>
        <translation>精确</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实</translation>
    </message>
    <message>
        <source>Click a cell to see its images.</source>
        <translation>点击一个格子查看其中的图片。</translation>
    </message>
    <message>
        <source>MNIST test set</source>
        <translation>MNIST 测试集</translation>
    </message>
    <message>
        <source>My digits</source>
        <translation>我的数字</translation>
    </message>
    <message>
        <source>What to evaluate on</source>
        <translation>在哪些图像上评估</translation>
    </message>
    <message>
        <source>Evaluate on</source>
        <translation>评估对象</translation>
    </message>
    <message>
        <source>Misclassified test images</source>
        <translation>分类错误的测试图像</translation>
    </message>
    <message>
        <source>Most confident first</source>
        <translation>置信度高的在前</translation>
    </message>
    <message>
        <source>Least confident first</source>
        <translation>置信度低的在前</translation>
    </message>
    <message>
        <source>Test-set order</source>
        <translation>测试集顺序</translation>
    </message>
    <message>
        <source>The order of the images of a cell</source>
        <translation>一个格子中图片的排列顺序</translation>
    </message>
    <message>
        <source>All mistakes</source>
        <translation>全部错误</translation>
    </message>
    <message>
        <source>Every wrong prediction, the most confident mistakes first</source>
        <translation>所有错误预测，置信度最高的错误在前</translation>
    </message>
    <message>
        <source>Next mistake ▶</source>
        <translation>下一个错误 ▶</translation>
    </message>
    <message>
        <source>The next most confident mistake: its cell, its image, and it becomes the probe sample</source>
        <translation>下一个置信度最高的错误：它的格子、它的图片，并设为探针样本</translation>
    </message>
    <message>
        <source>Classifying my digits…</source>
        <translation>正在分类我的数字…</translation>
    </message>
    <message>
        <source>My digits is empty: add digits from the canvas first.</source>
        <translation>“我的数字”是空的：请先从画布加入数字。</translation>
    </message>
    <message>
        <source>No evaluation yet: press Evaluate</source>
        <translation>尚未评估：请按“评估”</translation>
    </message>
    <message>
        <source>Accuracy {0}; most frequent mistake: true {1} predicted as {2}, {3} times</source>
        <translation>准确率 {0}；最常见的错误：真实 {1} 被预测为 {2}，共 {3} 次</translation>
    </message>
    <message>
        <source>True {0}, predicted {1}: {2} test images</source>
        <translation>真实 {0}，预测 {1}：{2} 张测试图像</translation>
    </message>
    <message>
        <source>Press Evaluate to classify the test set.</source>
        <translation>按“评估”对测试集分类。</translation>
    </message>
    <message>
        <source>Waiting for the data set and weights.</source>
        <translation>正在等待数据集和权值。</translation>
    </message>
    <message>
        <source>Classifying {0:,} test images…</source>
        <translation>正在对 {0:,} 张测试图片分类…</translation>
    </message>
    <message>
        <source>Accuracy {0} on {1:,} of my digits · loss {2:.4f} · {3:,} mistakes · acc./prec. in %</source>
        <translation>在我的 {1:,} 个数字上准确率 {0} · 损失 {2:.4f} · {3:,} 个错误 · 准确率/精确率单位为 %</translation>
    </message>
    <message>
        <source>Accuracy {0} on {1:,} test images · loss {2:.4f} · {3:,} mistakes · acc./prec. in %</source>
        <translation>{1:,} 张测试图片上的准确率 {0} · 代价 {2:.4f} · {3:,} 个错误 · 准确/精确以 % 计</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>mistakes</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>True {0}, predicted {1}: {2:,} of my digits ({3}). Click one to probe it.</source>
        <translation>真实 {0}，预测 {1}：我的数字中 {2:,} 个（{3}）。点击一个把它设为探针。</translation>
    </message>
    <message>
        <source>True {0}, predicted {1}: {2:,} test images ({3}). Click one to probe it.</source>
        <translation>真实 {0}，预测 {1}：{2:,} 张测试图片（{3}）。点击一张设为探针。</translation>
    </message>
    <message>
        <source>All {0:,} mistakes.</source>
        <translation>全部 {0:,} 个错误。</translation>
    </message>
    <message>
        <source>Mistake {0} of {1}.</source>
        <translation>第 {0} 个错误，共 {1} 个。</translation>
    </message>
    <message>
        <source>Test set</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Training set</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Class {0}</source>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <source>The digit whose images are shown</source>
        <translation>显示哪个数字的图片</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Use as probe</source>
        <translation>用作探针样本</translation>
    </message>
    <message>
        <source>Make the selected image the probe sample of the other panels</source>
        <translation>把选中的图片设为其他面板的探针样本</translation>
    </message>
    <message>
        <source>Images per class</source>
        <translation>每类图片数</translation>
    </message>
    <message>
        <source>Mean image per class</source>
        <translation>每类的平均图像</translation>
    </message>
    <message>
        <source>Raw 28×28, bytes</source>
        <translation>原始 28×28，字节</translation>
    </message>
    <message>
        <source>Network input 32×32</source>
        <translation>网络输入 32×32</translation>
    </message>
    <message>
        <source>Waiting for the data set.</source>
        <translation>正在等待数据集。</translation>
    </message>
    <message>
        <source>Counting classes and mean images…</source>
        <translation>正在统计类别和平均图像…</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Which set to explore: MNIST&apos;s, or your own digits</source>
        <translation>浏览哪个数据集：MNIST 的，或你自己的数字</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Relabel</source>
        <translation>改标签</translation>
    </message>
    <message>
        <source>Give the selected digits another label (keys 0–9)</source>
        <translation>给选中的数字换一个标签（按键 0–9）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected digits (Del)</source>
        <translation>删除选中的数字（Del）</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo the last change to My digits (Ctrl+Z)</source>
        <translation>撤销对“我的数字”的最后一次修改（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Show another folder of digits (DIR/0 … DIR/9), read-only</source>
        <translation>显示另一个数字文件夹（DIR/0 … DIR/9），只读</translation>
    </message>
    <message>
        <source>Merge into my digits</source>
        <translation>并入我的数字</translation>
    </message>
    <message>
        <source>Copy the digits of the folder shown into My digits</source>
        <translation>把所显示文件夹中的数字复制到“我的数字”</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Copy My digits into a folder (DIR/0 … DIR/9)</source>
        <translation>把“我的数字”复制到一个文件夹（DIR/0 … DIR/9）</translation>
    </message>
    <message>
        <source>Fine-tune…</source>
        <translation>微调…</translation>
    </message>
    <message>
        <source>A new run from a run&apos;s weights, trained on My digits</source>
        <translation>从某次运行的权重开始的新运行，在“我的数字”上训练</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>my</source>
        <translation>我的</translation>
    </message>
    <message>
        <source>No My digits folder.</source>
        <translation>没有“我的数字”文件夹。</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>正在读取 {0}…</translation>
    </message>
    <message>
        <source>Cannot open the folder: {0}</source>
        <translation>无法打开该文件夹：{0}</translation>
    </message>
    <message>
        <source>{0:,} {1} images; smallest class {2} ({3:,}), largest {4} ({5:,})</source>
        <translation>{0:,} 张{1}图片；最小类别 {2}（{3:,}），最大 {4}（{5:,}）</translation>
    </message>
    <message>
        <source>Class {0}: images {1:,}–{2:,} of {3:,}</source>
        <translation>类别 {0}：第 {1:,}–{2:,} 张，共 {3:,} 张</translation>
    </message>
    <message>
        <source>page {0}/{1}</source>
        <translation>第 {0}/{1} 页</translation>
    </message>
    <message>
        <source>selected: {0}, label {1}</source>
        <translation>已选：{0}，标签 {1}</translation>
    </message>
    <message>
        <source>selected: {0} #{1}, label {2}</source>
        <translation>已选：{0} #{1}，标签 {2}</translation>
    </message>
    <message>
        <source>{0:,} of my digits; smallest class {1} ({2:,}), largest {3} ({4:,})</source>
        <translation>我的数字共 {0:,} 个；最少的类别 {1}（{2:,}），最多的 {3}（{4:,}）</translation>
    </message>
    <message>
        <source> · the network gets {0:.1f} % right</source>
        <translation> · 网络答对 {0:.1f} %</translation>
    </message>
    <message>
        <source>%n file(s) could not be read and were skipped: {0}</source>
        <translation>%n 个文件无法读取，已跳过：{0}</translation>
    </message>
    <message>
        <source>Folder {0} (read-only: merge it to keep it)</source>
        <translation>文件夹 {0}（只读：并入后才保留）</translation>
    </message>
    <message>
        <source>My digits in {0}</source>
        <translation>我的数字位于 {0}</translation>
    </message>
    <message>
        <source>Cannot change My digits: {0}</source>
        <translation>无法修改“我的数字”：{0}</translation>
    </message>
    <message>
        <source>%n digit(s) relabelled as {0}.</source>
        <translation>%n 个数字的标签已改为 {0}。</translation>
    </message>
    <message>
        <source>%n digit(s) deleted (Ctrl+Z brings them back).</source>
        <translation>已删除 %n 个数字（Ctrl+Z 可恢复）。</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <source>Undone.</source>
        <translation>已撤销。</translation>
    </message>
    <message>
        <source>Open a folder of digits (DIR/0 … DIR/9)</source>
        <translation>打开数字文件夹（DIR/0 … DIR/9）</translation>
    </message>
    <message>
        <source>Cannot merge: {0}</source>
        <translation>无法并入：{0}</translation>
    </message>
    <message>
        <source>%n digit(s) merged into My digits.</source>
        <translation>已有 %n 个数字并入“我的数字”。</translation>
    </message>
    <message>
        <source>Export My digits into a folder</source>
        <translation>把“我的数字”导出到文件夹</translation>
    </message>
    <message>
        <source>Cannot export: {0}</source>
        <translation>无法导出：{0}</translation>
    </message>
    <message>
        <source>Exported to {0}.</source>
        <translation>已导出到 {0}。</translation>
    </message>
    <message>
        <source>class {0} ({1:,} images): mean ({2}, {3}) = {4:.1f}. Click: browse it.</source>
        <translation>类别 {0}（{1:,} 张图片）：平均值 ({2}, {3}) = {4:.1f}。点击：浏览。</translation>
    </message>
    <message>
        <source>#{0}: ({1}, {2}) = {3:.0f}. Click: select it.</source>
        <translation>#{0}：({1}, {2}) = {3:.0f}。点击：选中。</translation>
    </message>
    <message>
        <source>byte ({0}, {1}) = {2:.0f}</source>
        <translation>字节 ({0}, {1}) = {2:.0f}</translation>
    </message>
    <message>
        <source>x({0}, {1}) = {2:.3f}</source>
        <translation>x({0}, {1}) = {2:.3f}</translation>
    </message>
    <message>
        <source>Gaussian noise</source>
        <translation>高斯噪声</translation>
    </message>
    <message>
        <source>σ (grey levels of 255)</source>
        <translation>σ（灰度级，满量程 255）</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>旋转</translation>
    </message>
    <message>
        <source>degrees (+ = counter-clockwise)</source>
        <translation>度（+ = 逆时针）</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>平移</translation>
    </message>
    <message>
        <source>pixels (+ = right)</source>
        <translation>像素（+ = 向右）</translation>
    </message>
    <message>
        <source>Stroke thickness</source>
        <translation>笔画粗细</translation>
    </message>
    <message>
        <source>3×3 erosions (−) / dilations (+)</source>
        <translation>3×3 腐蚀（−）/ 膨胀（+）</translation>
    </message>
    <message>
        <source>Adversarial (FGSM)</source>
        <translation>对抗样本（FGSM）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Perturb the test images at every level and classify them</source>
        <translation>按每一档扰动测试图片并分类</translation>
    </message>
    <message>
        <source> images</source>
        <translation> 张图片</translation>
    </message>
    <message>
        <source>The first N test images</source>
        <translation>前 N 张测试图片</translation>
    </message>
    <message>
        <source>answered</source>
        <translation>已回答</translation>
    </message>
    <message>
        <source>right, of the answered</source>
        <translation>已回答中正确的</translation>
    </message>
    <message>
        <source>The confidence threshold on max y: below it the network answers &quot;I don&apos;t know&quot;</source>
        <translation>max y 的置信度阈值：低于它时网络回答“不知道”</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Press Run to sweep the perturbations.</source>
        <translation>按“运行”扫描各种扰动。</translation>
    </message>
    <message>
        <source>ε ([0, 1] pixels)</source>
        <translation>ε（[0, 1] 像素）</translation>
    </message>
    <message>
        <source>Confidence threshold</source>
        <translation>置信度阈值</translation>
    </message>
    <message>
        <source>max y below it: &quot;I don&apos;t know&quot;</source>
        <translation>max y 低于它：回答“不知道”</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Sweeping {0:,} test images…</source>
        <translation>正在扫描 {0:,} 张测试图片…</translation>
    </message>
    <message>
        <source>{0:,} test images · clean accuracy {1}</source>
        <translation>{0:,} 张测试图片 · 无扰动准确率 {1}</translation>
    </message>
    <message>
        <source>weights changed since; Run again</source>
        <translation>权值已改变；请重新运行</translation>
    </message>
    <message>
        <source>{0:.3f}</source>
        <translation>{0:.3f}</translation>
    </message>
    <message>
        <source>{0:.3f}: {1} answered, {2} of those right</source>
        <translation>{0:.3f}：回答 {1}，其中正确 {2}</translation>
    </message>
    <message>
        <source>C5 (120 outputs)</source>
        <translation>C5（120 个输出）</translation>
    </message>
    <message>
        <source>F6 (84 outputs)</source>
        <translation>F6（84 个输出）</translation>
    </message>
    <message>
        <source>The layer whose outputs are projected</source>
        <translation>要投影其输出的层</translation>
    </message>
    <message>
        <source>How many test images to project</source>
        <translation>要投影的测试图片数</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Compute the layer&apos;s outputs and their principal components (PCA)</source>
        <translation>计算该层的输出及其主成分（PCA）</translation>
    </message>
    <message>
        <source>Hover a point.</source>
        <translation>把鼠标移到一个点上。</translation>
    </message>
    <message>
        <source>Feature space</source>
        <translation>特征空间</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <source>class {0}</source>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <source>mistake</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>probe</source>
        <translation>探针</translation>
    </message>
    <message>
        <source>Computing {0} outputs of {1:,} test images…</source>
        <translation>正在计算 {1:,} 张测试图片的 {0} 输出…</translation>
    </message>
    <message>
        <source>PC1 ({0:.1f} % of the variance)</source>
        <translation>PC1（方差的 {0:.1f} %）</translation>
    </message>
    <message>
        <source>PC2 ({0:.1f} %)</source>
        <translation>PC2（{0:.1f} %）</translation>
    </message>
    <message>
        <source>PCA of {0}: {1:,} test images, {2:,} mistakes ringed</source>
        <translation>{0} 的主成分分析：{1:,} 张测试图片，{2:,} 个错误带圈</translation>
    </message>
    <message>
        <source>{0}: PC1 + PC2 explain {1:.1f} % of the variance</source>
        <translation>{0}：PC1 + PC2 解释了方差的 {1:.1f} %</translation>
    </message>
    <message>
        <source>test #{0}&lt;br&gt;true {1}, predicted {2} ({3:.0f} %)</source>
        <translation>测试 #{0}&lt;br&gt;真实 {1}，预测 {2}（{3:.0f} %）</translation>
    </message>
</context>
<context>
    <name>Explain</name>
    <message>
        <source>predicted</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>fooled: it was {0}</source>
        <translation>被骗了：原来是 {0}</translation>
    </message>
    <message>
        <source>still {0}</source>
        <translation>仍是 {0}</translation>
    </message>
    <message>
        <source>x′ is a {0} ({1}) · y{2} = {3} · {4}</source>
        <translation>x′ 被判为 {0}（{1}）· y{2} = {3} · {4}</translation>
    </message>
    <message>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
    <message>
        <source>Searching the smallest ε that makes it a {0}…</source>
        <translation>正在搜索使其变成 {0} 的最小 ε…</translation>
    </message>
    <message>
        <source>Not a {0} for any ε ≤ {1}.</source>
        <translation>ε ≤ {1} 时都变不成 {0}。</translation>
    </message>
    <message>
        <source>A {0} at ε = {1:.3f}: no pixel moved more than that.</source>
        <translation>ε = {1:.3f} 时变成 {0}：没有像素的改变超过此值。</translation>
    </message>
    <message>
        <source>ε (pixels of [0, 1])</source>
        <translation>ε（以 [0, 1] 像素计）</translation>
    </message>
    <message>
        <source>Iterative</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>Make it a</source>
        <translation>让它变成</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>Change x′ − x</source>
        <translation>改变量 x′ − x</translation>
    </message>
    <message>
        <source>x′ = x + change</source>
        <translation>x′ = x + 改变量</translation>
    </message>
    <message>
        <source>Ten smaller sign steps, each kept within ε of x</source>
        <translation>十个更小的符号步，每步都限制在 x 的 ε 范围内</translation>
    </message>
    <message>
        <source>Search a small change that makes the network say the chosen digit</source>
        <translation>搜索一个使网络说出所选数字的小改变</translation>
    </message>
    <message>
        <source>The digit the network should say</source>
        <translation>希望网络说出的数字</translation>
    </message>
    <message>
        <source>Search again for the current weights</source>
        <translation>用当前权值重新搜索</translation>
    </message>
    <message>
        <source>pixel ({0}, {1}): y{2} drops by {3:.3f}</source>
        <translation>像素 ({0}, {1})：y{2} 下降 {3:.3f}</translation>
    </message>
    <message>
        <source>Computing the occlusion map…</source>
        <translation>正在计算遮挡图…</translation>
    </message>
    <message>
        <source>The weights changed since; the map follows every {0} s while training runs.</source>
        <translation>权值已改变；训练时遮挡图每 {0} 秒更新一次。</translation>
    </message>
    <message>
        <source>Map for class {0}: {1} patch positions, one batch of forward passes.</source>
        <translation>类别 {0} 的遮挡图：{1} 个遮挡块位置，一批前向传播。</translation>
    </message>
    <message>
        <source>Patch</source>
        <translation>遮挡块</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>步长</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Probe x (32×32)</source>
        <translation>探针 x（32×32）</translation>
    </message>
    <message>
        <source>Drop of y{0} when a patch hides each place (x&apos;s strokes in grey)</source>
        <translation>遮挡块盖住各处时 y{0} 的下降（灰色为 x 的笔画）</translation>
    </message>
    <message>
        <source>A blank patch (paper, x = −0.1) slides over x. Yellow-brown: hiding that part lowers y{0}, the network needs it; blue: hiding it raises y{0}, it spoke against the class.</source>
        <translation>一个空白遮挡块（纸面，x = −0.1）在 x 上滑动。黄褐色：盖住该处使 y{0} 下降，网络需要它；蓝色：盖住该处使 y{0} 上升，它不利于该类别。</translation>
    </message>
    <message>
        <source>The side of the square blank patch, in input pixels</source>
        <translation>正方形空白遮挡块的边长，以输入像素计</translation>
    </message>
    <message>
        <source>How far the patch moves between two positions, in input pixels</source>
        <translation>遮挡块两个位置之间移动的距离，以输入像素计</translation>
    </message>
    <message>
        <source>Probe: {0} · label z = {1} · answer {2} (y{3} = {4:.3f})</source>
        <translation>探针：{0} · 标签 z = {1} · 答案 {2}（y{3} = {4:.3f}）</translation>
    </message>
    <message>
        <source>Probe sample x</source>
        <translation>探针样本 x</translation>
    </message>
    <message>
        <source>Saliency</source>
        <translation>显著图</translation>
    </message>
    <message>
        <source>Occlusion</source>
        <translation>遮挡</translation>
    </message>
    <message>
        <source>What a unit looks for</source>
        <translation>神经元在找什么</translation>
    </message>
    <message>
        <source>Fool it</source>
        <translation>骗过它</translation>
    </message>
    <message>
        <source>Which pixels yₖ is most sensitive to: |∂yₖ/∂x| and gradient × input</source>
        <translation>yₖ 对哪些像素最敏感：|∂yₖ/∂x| 与梯度 × 输入</translation>
    </message>
    <message>
        <source>How much yₖ drops when a blank patch hides each place</source>
        <translation>空白遮挡块盖住各处时 yₖ 下降多少</translation>
    </message>
    <message>
        <source>The input each map or unit responds to most, and the test images that excite it most</source>
        <translation>每个特征图或神经元响应最强的输入，以及最能激活它的测试图像</translation>
    </message>
    <message>
        <source>The smallest change of x that changes the answer (adversarial examples)</source>
        <translation>改变答案所需的 x 的最小改变（对抗样本）</translation>
    </message>
    <message>
        <source>Explain class k:</source>
        <translation>解释类别 k：</translation>
    </message>
    <message>
        <source>The output yₖ the saliency and occlusion maps explain</source>
        <translation>显著图和遮挡图所解释的输出 yₖ</translation>
    </message>
    <message>
        <source>Saliency |∂y{0}/∂x|</source>
        <translation>显著图 |∂y{0}/∂x|</translation>
    </message>
    <message>
        <source>Gradient × input</source>
        <translation>梯度 × 输入</translation>
    </message>
    <message>
        <source>Bright pixels of the saliency map are those where a small change of x changes y{0} most. Gradient × input is yellow-brown where the ink raises y{0} and blue where it lowers it.</source>
        <translation>显著图中亮的像素是 x 的微小改变使 y{0} 变化最大的地方。梯度 × 输入在墨迹使 y{0} 增大处为黄褐色，使其减小处为蓝色。</translation>
    </message>
    <message>
        <source>C1 · 6 maps</source>
        <translation>C1 · 6 个特征图</translation>
    </message>
    <message>
        <source>C3 · 16 maps</source>
        <translation>C3 · 16 个特征图</translation>
    </message>
    <message>
        <source>C5 · 120 units</source>
        <translation>C5 · 120 个神经元</translation>
    </message>
    <message>
        <source>F6 · 84 units</source>
        <translation>F6 · 84 个神经元</translation>
    </message>
    <message>
        <source>Output F7 · 10 classes</source>
        <translation>输出 F7 · 10 个类别</translation>
    </message>
    <message>
        <source>“{0}”, batch {1:,}</source>
        <translation>“{0}”，第 {1:,} 批</translation>
    </message>
    <message>
        <source>the weights of {0}</source>
        <translation>{0} 时的权值</translation>
    </message>
    <message>
        <source>{0}: activation {1:.3f} (click: its top test images)</source>
        <translation>{0}：激活值 {1:.3f}（单击：最能激活它的测试图像）</translation>
    </message>
    <message>
        <source>test #{0}, label {1}</source>
        <translation>测试 #{0}，标签 {1}</translation>
    </message>
    <message>
        <source>Input that maximises each unit (click one)</source>
        <translation>使每个神经元最大的输入（单击其一）</translation>
    </message>
    <message>
        <source>{0}: its 9 top test images</source>
        <translation>{0}：最能激活它的 9 张测试图像</translation>
    </message>
    <message>
        <source>Computing: {0} steps of gradient ascent for every unit, then the test images…</source>
        <translation>正在计算：对每个神经元做 {0} 步梯度上升，然后找测试图像…</translation>
    </message>
    <message>
        <source>Press Compute to find what each unit looks for.</source>
        <translation>按“计算”找出每个神经元在找什么。</translation>
    </message>
    <message>
        <source>Current weights: {0}</source>
        <translation>当前权值：{0}</translation>
    </message>
    <message>
        <source>⚠ Older weights ({0}): changed since</source>
        <translation>⚠ 较早的权值（{0}）：此后已改变</translation>
    </message>
    <message>
        <source>The gallery is for older weights ({0}); the weights changed since. Recomputed when they stop changing, or press Compute.</source>
        <translation>图库对应较早的权值（{0}）；此后权值已改变。权值不再变化时会重新计算，也可按“计算”。</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The layer whose units are shown</source>
        <translation>显示其神经元的层</translation>
    </message>
    <message>
        <source>Compute the gallery for the current weights now</source>
        <translation>立即用当前权值计算图库</translation>
    </message>
</context>
<context>
    <name>FeatureMapsPanel</name>
    <message>
        <source>INPUT · 32×32</source>
        <translation>INPUT 输入层 · 32×32</translation>
    </message>
    <message>
        <source>C1 · 6@28×28</source>
        <translation>C1 · 6 个 28×28 特征图</translation>
    </message>
    <message>
        <source>S2 · 6@14×14</source>
        <translation>S2 · 6 个 14×14 特征图</translation>
    </message>
    <message>
        <source>C3 · 16@10×10</source>
        <translation>C3 · 16 个 10×10 特征图</translation>
    </message>
    <message>
        <source>S4 · 16@5×5</source>
        <translation>S4 · 16 个 5×5 特征图</translation>
    </message>
    <message>
        <source>C5 · 120 (10×12 grid)</source>
        <translation>C5 · 120（10×12 网格）</translation>
    </message>
    <message>
        <source>F6 · 84 (7×12 grid)</source>
        <translation>F6 · 84（7×12 网格）</translation>
    </message>
    <message>
        <source>F7 · 10</source>
        <translation>F7 · 10</translation>
    </message>
    <message>
        <source>softmax y · 10</source>
        <translation>softmax y · 10</translation>
    </message>
    <message>
        <source>{caption}: map {k}</source>
        <translation>{caption}：特征图 {k}</translation>
    </message>
    <message>
        <source>softmax y · predicted {d}</source>
        <translation>softmax y · 预测 {d}</translation>
    </message>
    <message>
        <source> ✓</source>
        <translation> ✓</translation>
    </message>
    <message>
        <source> ✗</source>
        <translation> ✗</translation>
    </message>
    <message>
        <source>Probe: {source} · label z = {z} · predicted {p} (y{sp} = {yp}){v}</source>
        <translation>探针：{source} · 标签 z = {z} · 预测 {p}（y{sp} = {yp}）{v}</translation>
    </message>
</context>
<context>
    <name>FineTune</name>
    <message>
        <source>Fine-tune on my digits…</source>
        <translation>在我的数字上微调…</translation>
    </message>
    <message>
        <source>A new run from a run&apos;s weights, trained on My digits</source>
        <translation>从某次运行的权重开始的新运行，在“我的数字”上训练</translation>
    </message>
    <message>
        <source>Fine-tune on my digits</source>
        <translation>在我的数字上微调</translation>
    </message>
    <message>
        <source>Measure before → after</source>
        <translation>测量 之前 → 之后</translation>
    </message>
    <message>
        <source>The current fine-tuned run&apos;s start and current weights, on the held-out digits and on MNIST&apos;s test set</source>
        <translation>当前微调运行的起始权重与当前权重，在留出的数字和 MNIST 测试集上的表现</translation>
    </message>
    <message>
        <source>before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Accuracy before and after</source>
        <translation>之前与之后的准确率</translation>
    </message>
    <message>
        <source>my digits, held out</source>
        <translation>我的数字（留出）</translation>
    </message>
    <message>
        <source>MNIST test</source>
        <translation>MNIST 测试集</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>The current run is not a fine-tune. &quot;Fine-tune on my digits…&quot; starts one from a run&apos;s weights; the digits you keep come from the canvas (Add to my digits) or the Data explorer.</source>
        <translation>当前运行不是微调。“在我的数字上微调…”会从某次运行的权重开始一次微调；你保存的数字来自画布（加入我的数字）或数据浏览器。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{0}: from “{1}”, trained on my digits ({2}), {3} % of each batch from MNIST, {4} % of each class held out; frozen: {5}.</source>
        <translation>{0}：从“{1}”开始，在我的数字（{2}）上训练，每批 {3} % 来自 MNIST，每类留出 {4} %；冻结：{5}。</translation>
    </message>
    <message>
        <source>The weights this run started from are not known.</source>
        <translation>不知道这次运行的起始权重。</translation>
    </message>
    <message>
        <source>Measuring before → after…</source>
        <translation>正在测量 之前 → 之后…</translation>
    </message>
    <message>
        <source>Trained on {0} of my digits, measured on the {1} held out and on MNIST&apos;s {2:,} test images.</source>
        <translation>在我的 {0} 个数字上训练，在留出的 {1} 个和 MNIST 的 {2:,} 张测试图像上测量。</translation>
    </message>
    <message>
        <source>my digits, held out ({0})</source>
        <translation>我的数字，留出（{0}）</translation>
    </message>
    <message>
        <source>MNIST test ({0:,})</source>
        <translation>MNIST 测试集（{0:,}）</translation>
    </message>
    <message>
        <source>A new run starts from a run&apos;s weights and trains on your {0} digits. Part of each class is held out and never trained on: the result shows the accuracy on those, and on MNIST&apos;s test set (what the network forgot), before → after.</source>
        <translation>新的运行从某次运行的权重开始，在你的 {0} 个数字上训练。每一类都留出一部分，从不用于训练：结果显示在这些数字上、以及在 MNIST 测试集上（网络忘掉了什么）的准确率，之前 → 之后。</translation>
    </message>
    <message>
        <source>Start from the run</source>
        <translation>起始运行</translation>
    </message>
    <message>
        <source>Keep {0}&apos;s weights exactly as they are</source>
        <translation>保持 {0} 的权重完全不变</translation>
    </message>
    <message>
        <source>Freeze {0}</source>
        <translation>冻结 {0}</translation>
    </message>
    <message>
        <source>Keep the course&apos;s features</source>
        <translation>保留课程的特征</translation>
    </message>
    <message>
        <source>Freeze C1…C5, the feature extractor: only F6 and F7, the classifier, are taught</source>
        <translation>冻结特征提取部分 C1…C5：只训练分类器 F6 和 F7</translation>
    </message>
    <message>
        <source>Train every layer</source>
        <translation>训练所有层</translation>
    </message>
    <message>
        <source>The share of every batch taken from MNIST&apos;s training set, so that the network does not forget MNIST</source>
        <translation>每批中取自 MNIST 训练集的比例，使网络不会忘掉 MNIST</translation>
    </message>
    <message>
        <source>The share of each class kept aside, never trained on, to measure the result on</source>
        <translation>每类留出、从不用于训练、用来测量结果的比例</translation>
    </message>
    <message>
        <source>Passes over your digits</source>
        <translation>遍历你的数字的次数</translation>
    </message>
    <message>
        <source>&amp;Start from:</source>
        <translation>起始运行(&amp;S)：</translation>
    </message>
    <message>
        <source>Freeze:</source>
        <translation>冻结：</translation>
    </message>
    <message>
        <source>&amp;MNIST mixed in:</source>
        <translation>混入 MNIST(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Held out:</source>
        <translation>留出(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>轮数(&amp;E)：</translation>
    </message>
    <message>
        <source>MNIST mixed in</source>
        <translation>混入 MNIST</translation>
    </message>
    <message>
        <source>Held out</source>
        <translation>留出</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>The model options (activation f, the sub-sampling of S2 and S4, C3&apos;s connection table) and the training options: the learning rate α and momentum of the update rule, the mini-batch size and the number of epochs.</source>
        <translation>模型选项（激活函数 f、S2 和 S4 的下采样方式、C3 的连接表）和训练选项：学习公式中的学习速率 α 和动量、小批量大小以及训练轮数。</translation>
    </message>
    <message>
        <source>The course&apos;s Figure 1 for the probe sample: the input, then the feature maps of every layer left to right (C1 6@28×28, S2 6@14×14, C3 16@10×10, S4 16@5×5), the C5, F6 and F7 units and the softmax output y. Each map has its own colour bar (viridis).</source>
        <translation>探针样本的课程图 1：输入，然后从左到右是各层的特征图（C1 6@28×28、S2 6@14×14、C3 16@10×10、S4 16@5×5）、C5、F6 和 F7 的神经元以及 softmax 输出 y。每幅特征图都有自己的色标（viridis）。</translation>
    </message>
    <message>
        <source>w3⁽ᵏ˒ᵐ⁾ᵤᵥ = 0 for (k, m) ∉ Cbn</source>
        <translation>(k, m) ∉ Cbn 时 w3⁽ᵏ˒ᵐ⁾ᵤᵥ = 0</translation>
    </message>
    <message>
        <source>The weights: C1&apos;s six 5×5 kernels, C3&apos;s 16×6 kernels laid out as Table 1 (hatched: not connected) and C5&apos;s kernels. A diverging colour map with symmetric levels: 0 is the neutral colour.</source>
        <translation>权值：C1 的六个 5×5 卷积核、按表 1 排列的 C3 的 16×6 个卷积核（阴影：无连接）以及 C5 的卷积核。采用对称范围的发散色图：0 为中性色。</translation>
    </message>
    <message>
        <source>δ(u) = δ(f)·f′(u);  δ(w) = δ(u)·input</source>
        <translation>δ(u) = δ(f)·f′(u)；  δ(w) = δ(u)·输入</translation>
    </message>
    <message>
        <source>The sensitivities δ of backpropagation for the probe sample: δ(u) of every layer and δ(w) of the C1 and C3 kernels, on a diverging colour map centred on 0, and each layer&apos;s ‖δ(w)‖ over the training steps.</source>
        <translation>探针样本在反向传播算法中的敏感值 δ：每层的 δ(u)（输入敏感值）以及 C1 和 C3 卷积核的 δ(w)（权值敏感值），用以 0 为中心的发散色图显示；还有各层 ‖δ(w)‖ 随训练步的变化。</translation>
    </message>
    <message>
        <source>The cost J (cross entropy) of every mini-batch, raw and smoothed, and the accuracy: smoothed per batch, on a 1,000-image test subset every few hundred batches and on the whole test set after each epoch. Hover a curve to read its values.</source>
        <translation>每个小批量的代价函数 J（交叉熵），原始值和平滑值；以及准确率：每批的平滑值、每隔几百批在 1,000 张测试子集上的值、每轮结束后在整个测试集上的值。把鼠标移到曲线上可读数。</translation>
    </message>
    <message>
        <source>x: 32×32, background −0.1, ink 1.175;  answer = argmax y</source>
        <translation>x：32×32，背景 −0.1，笔迹 1.175；  答案 = argmax y</translation>
    </message>
    <message>
        <source>Draw a digit: it is prepared the way MNIST was made (cropped, fitted into 20×20, centred in 28×28, padded to 32×32) and classified by the current weights; the bars are the softmax outputs y.</source>
        <translation>写一个数字：它按 MNIST 的制作方式处理（裁剪、缩放到 20×20、在 28×28 中居中、填充到 32×32），再用当前权值分类；条形是 softmax 输出 y。</translation>
    </message>
    <message>
        <source>LeNet-5 as the course draws it, with the trainable parameters and connections of every layer counted as the course counts them, and C3&apos;s connection table (Table 1). Click a layer to select it in every panel.</source>
        <translation>课程所画的 LeNet-5，各层的可训练参数和连接数按课程的方法计算，以及 C3 的连接表（表 1）。点击某一层可在所有面板中选中它。</translation>
    </message>
    <message>
        <source>Backpropagation of one sample, step by step in the course&apos;s order: forward pass, softmax, F7, F6, C5, S4, C3, S2, C1, then the update. Click a tile to list the terms of its sum; Check compares it with a finite difference.</source>
        <translation>一个样本的反向传播算法，按课程的顺序逐步进行：前向传播、softmax、F7、F6、C5、S4、C3、S2、C1，然后更新。点击一个方块可列出其求和的各项；“检验”把它与有限差分比较。</translation>
    </message>
    <message>
        <source>answer = argmax y;  error rate = mistakes / 10000</source>
        <translation>答案 = argmax y；  错误率 = 错误数 / 10000</translation>
    </message>
    <message>
        <source>The test set classified by the current weights: rows are the true digits, columns the predicted ones, with per-class accuracy and precision. Click a cell to see its images.</source>
        <translation>用当前权值对测试集分类：行为真实数字，列为预测数字，并给出每类的准确率和精确率。点击一个格子查看其中的图片。</translation>
    </message>
    <message>
        <source>x = −0.1 + 1.275·byte/255</source>
        <translation>x = −0.1 + 1.275·字节值/255</translation>
    </message>
    <message>
        <source>The MNIST images, or your own digits: the count and the mean image of every class, pages of images per class, and one image as raw bytes and as the network&apos;s 32×32 input. My digits can be relabelled, deleted and brought back.</source>
        <translation>MNIST 图像或你自己的数字：每一类的数量和平均图像，按类分页的图像，以及一张图像的原始字节和网络的 32×32 输入。“我的数字”可以改标签、删除和恢复。</translation>
    </message>
    <message>
        <source>accuracy(shift, rotation, noise)</source>
        <translation>准确率（平移、旋转、噪声）</translation>
    </message>
    <message>
        <source>How the accuracy falls when the test images are shifted, rotated or made noisy (not in the course), and what a confidence threshold on max y buys.</source>
        <translation>测试图片被平移、旋转或加噪声时准确率如何下降（课程中没有），以及对 max y 设置置信度阈值的效果。</translation>
    </message>
    <message>
        <source>f6 ∈ ℝ⁸⁴ → 2-D projection</source>
        <translation>f6 ∈ ℝ⁸⁴ → 二维投影</translation>
    </message>
    <message>
        <source>The test images as points: the outputs of a layer (C5 or F6) projected to two dimensions and coloured by the true digit; the probe is marked.</source>
        <translation>把测试图片画成点：某一层（C5 或 F6）的输出投影到二维，并按真实数字着色；探针样本有标记。</translation>
    </message>
    <message>
        <source>θ := θ − α·∂J/∂θ, from random θ</source>
        <translation>θ := θ − α·∂J/∂θ，从随机的 θ 开始</translation>
    </message>
    <message>
        <source>Every training run: one configuration trained from a starting point, with its curves. Select two or more to overlay their loss and test accuracy; the legend names only what differs. The course&apos;s questions (Table 1 or a full C3, the sub-sampling, f, f at F7, α) run as experiments with the same seed and data.</source>
        <translation>每一次训练运行：一种配置从一个起点开始训练，以及它的曲线。选中两个或更多运行，可叠加比较它们的损失和测试准确率；图例只列出不同之处。课程中的问题（表 1 还是全连接 C3、下采样方式、激活函数 f、F7 是否用 f、学习率 α）可作为实验运行，使用相同的随机种子和数据。</translation>
    </message>
    <message>
        <source>Histograms over training of the weights w, the activation inputs u and the sensitivities δ of every layer (C1 … F7), from 32 test images every 50 batches: x is the value, y the batch, the colour the share of values in a bin. Below, the diagnoses read from them: saturated units (|u| &gt; 2), dead ReLUs, the size of an update against the weights, δ vanishing or exploding on its way down to C1, a learning rate that is too high; each names the course section of the cause, with its formula or term.</source>
        <translation>训练过程中每一层（C1 … F7）的权值 w、激活函数输入 u 和敏感值 δ 的直方图，每 50 批由 32 张测试图像得出：x 为数值，y 为批次，颜色为落在一个箱中的比例。下方是由此得出的诊断：饱和的神经元（|u| &gt; 2）、死亡 ReLU、更新相对权值的大小、δ 向下到 C1 时的消失或爆炸、过大的学习速率；每条都给出课程中讲解其原因的章节，及其中的公式或术语。</translation>
    </message>
    <message>
        <source>Why the network gave its answer for the probe sample x (a test image or your drawing). Saliency: how strongly yₖ reacts to each pixel (the gradient), and gradient × input. Occlusion: how much yₖ drops when a blank patch covers each place. What a unit looks for: the input that makes each map or unit of C1, C3, C5, F6 or the output largest, and the 9 test images that excite it most. Fool it: the smallest change of x, along the sign of the gradient of J (FGSM), that changes the answer; or one that makes it a chosen digit k.</source>
        <translation>网络为什么对探针样本 x（测试图像或你的手写数字）给出这个答案。显著图：yₖ 对每个像素的反应有多强（梯度），以及梯度 × 输入。遮挡：空白遮挡块盖住各处时 yₖ 下降多少。神经元在找什么：使 C1、C3、C5、F6 或输出层的每个特征图或神经元最大的输入，以及最能激活它的 9 张测试图像。骗过它：沿 J 的梯度符号方向（FGSM）改变答案所需的 x 的最小改变；或使它变成所选数字 k 的改变。</translation>
    </message>
    <message>
        <source>Train / Pause / Resume</source>
        <translation>训练 / 暂停 / 继续</translation>
    </message>
    <message>
        <source>Step: train one mini-batch (in the stepper: next step)</source>
        <translation>单步：训练一个小批量（在逐步演示中：下一步）</translation>
    </message>
    <message>
        <source>Stop the training run</source>
        <translation>停止本次训练</translation>
    </message>
    <message>
        <source>New run from random weights</source>
        <translation>从随机权值开始新的训练运行</translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Save the workspace</source>
        <translation>保存工作区</translation>
    </message>
    <message>
        <source>Open weights (a checkpoint)</source>
        <translation>打开权值（检查点）</translation>
    </message>
    <message>
        <source>Save the weights (a checkpoint)</source>
        <translation>保存权值（检查点）</translation>
    </message>
    <message>
        <source>Export the whole window as PNG or SVG</source>
        <translation>把整个窗口导出为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Export the loss history as CSV</source>
        <translation>把代价历史导出为 CSV</translation>
    </message>
    <message>
        <source>Reset the layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <source>Perspective Train: settings, loss, distributions, feature maps, kernels, δ</source>
        <translation>视图“训练”：设置、代价、分布、特征图、卷积核、δ</translation>
    </message>
    <message>
        <source>Perspective Backprop: the stepper across the window</source>
        <translation>视图“反向传播”：逐步演示占满窗口</translation>
    </message>
    <message>
        <source>Perspective Draw: canvas, feature maps, architecture, explanation</source>
        <translation>视图“手写”：画板、特征图、网络结构、解释</translation>
    </message>
    <message>
        <source>Perspective Evaluate: confusion, data explorer, robustness, feature space</source>
        <translation>视图“评估”：混淆矩阵、数据浏览、鲁棒性、特征空间</translation>
    </message>
    <message>
        <source>Perspective Learn: the Labs dock beside the panels its steps are about</source>
        <translation>视图“学习”：实验面板，旁边是各步骤涉及的面板</translation>
    </message>
    <message>
        <source>Presentation (classroom mode); Esc or F11 leaves</source>
        <translation>演示模式（课堂模式）；按 Esc 或 F11 退出</translation>
    </message>
    <message>
        <source>Presentation: the next, the previous lab step (the stepper&apos;s, when it has the focus)</source>
        <translation>演示模式：下一个、上一个实验步骤（逐步演示有焦点时为它的步骤）</translation>
    </message>
    <message>
        <source>The keyboard focus into the next panel</source>
        <translation>键盘焦点移到下一个面板</translation>
    </message>
    <message>
        <source>The keyboard focus into the previous panel</source>
        <translation>键盘焦点移到上一个面板</translation>
    </message>
    <message>
        <source>Larger text (also Ctrl+=)</source>
        <translation>放大文字（也可用 Ctrl+=）</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <source>The system&apos;s text size again</source>
        <translation>恢复系统的文字大小</translation>
    </message>
    <message>
        <source>This list of shortcuts</source>
        <translation>本快捷键列表</translation>
    </message>
    <message>
        <source>What&apos;s This? Then click any control, plot or colour bar to have it explained</source>
        <translation>这是什么？然后点击任何控件、图表或色标查看它的解释</translation>
    </message>
    <message>
        <source>What am I looking at? (the focused panel)</source>
        <translation>我在看什么？（当前焦点所在的面板）</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Stepper: first, last, previous step</source>
        <translation>逐步演示：第一步、最后一步、上一步</translation>
    </message>
    <message>
        <source>Canvas: undo the last stroke</source>
        <translation>画布：撤销上一笔</translation>
    </message>
    <message>
        <source>Timeline: the previous recorded snapshot</source>
        <translation>时间线：上一个记录的快照</translation>
    </message>
    <message>
        <source>Timeline: the next recorded snapshot</source>
        <translation>时间线：下一个记录的快照</translation>
    </message>
    <message>
        <source>Timeline: the first snapshot (the initial weights)</source>
        <translation>时间线：第一个快照（初始权值）</translation>
    </message>
    <message>
        <source>Timeline: back to the live network</source>
        <translation>时间线：回到实时网络</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Every keyboard shortcut of the window</source>
        <translation>窗口的所有键盘快捷键</translation>
    </message>
    <message>
        <source>Course section</source>
        <translation>课程章节</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>公式</translation>
    </message>
    <message>
        <source>What am I looking at? {0}</source>
        <translation>我在看什么？{0}</translation>
    </message>
    <message>
        <source>Watch the HHCV course&apos;s LeNet-5 learn: feature maps, kernels, sensitivities and the loss, live.</source>
        <translation>实时观看 HHCV 课程中的 LeNet-5 学习：特征图、卷积核、敏感值和代价函数。</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>see the LICENSE file</source>
        <translation>见 LICENSE 文件</translation>
    </message>
    <message>
        <source>the matplotlib licence (PSF-based)</source>
        <translation>matplotlib 许可证（基于 PSF）</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>The MNIST database of handwritten digits, by Y. LeCun, C. Cortes and C. J. C. Burges, under the Creative Commons Attribution-Share Alike 3.0 licence (CC BY-SA 3.0); see resources/mnist/README.md.</source>
        <translation>MNIST 手写数字数据集，作者 Y. LeCun、C. Cortes 和 C. J. C. Burges，采用知识共享 署名-相同方式共享 3.0 许可协议（CC BY-SA 3.0）；见 resources/mnist/README.md。</translation>
    </message>
    <message>
        <source>After Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, Gradient-based learning applied to document recognition, 1998.</source>
        <translation>依据 Y. LeCun、L. Bottou、Y. Bengio 和 P. Haffner 的论文《Gradient-based learning applied to document recognition》（1998）。</translation>
    </message>
    <message>
        <source>About LeNet-5 Studio</source>
        <translation>关于 LeNet-5 Studio</translation>
    </message>
    <message>
        <source>θ := θ − α·∂J/∂θ from a trained θ; frozen layers: θ kept</source>
        <translation>θ := θ − α·∂J/∂θ，从训练好的 θ 开始；冻结的层：θ 保持不变</translation>
    </message>
    <message>
        <source>A run that starts from trained weights and trains on your own digits (with some MNIST mixed in), optionally keeping C1…C5 as they are. The accuracy before → after on the digits held out (never trained on) and on MNIST&apos;s test set: what it learned, and what it forgot.</source>
        <translation>从训练好的权重开始、在你自己的数字上（混入一些 MNIST）训练的运行，可选择保持 C1…C5 不变。在留出的数字（从不用于训练）和 MNIST 测试集上的准确率，之前 → 之后：它学到了什么，又忘掉了什么。</translation>
    </message>
    <message>
        <source>The course, one step at a time: each step of a lab says what to do and why, shows the panel it is about, and checks your answer by itself — a number you type, options you pick, something you do in the window, or a prediction the window then reveals. A wrong answer gets a hint from the course, never the answer.</source>
        <translation>一步一步学习课程：实验的每一步说明要做什么、为什么，显示它涉及的面板，并自动检查你的答案——你输入的数字、你选的选项、你在窗口中完成的操作，或你先做出、程序随后揭晓的预测。答错时给出来自课程的提示，而不是答案。</translation>
    </message>
</context>
<context>
    <name>KernelsPanel</name>
    <message>
        <source>Weights w and kernels; 0 is white, the colour bars show the symmetric levels (tracked: they widen at once and shrink slowly).</source>
        <translation>权值 w 和卷积核；0 为白色，色标显示对称的范围（跟踪：立即扩大、缓慢缩小）。</translation>
    </message>
    <message>
        <source>C1 kernels w1 · 6×5×5</source>
        <translation>C1 卷积核 w1 · 6×5×5</translation>
    </message>
    <message>
        <source>C1 kernel w1{k} · 5×5</source>
        <translation>C1 卷积核 w1{k} · 5×5</translation>
    </message>
    <message>
        <source>C3 kernels w3 · 16×6×5×5</source>
        <translation>C3 卷积核 w3 · 16×6×5×5</translation>
    </message>
    <message>
        <source>C5 kernels w5 · 120×16×5×5</source>
        <translation>C5 卷积核 w5 · 120×16×5×5</translation>
    </message>
    <message>
        <source>one block per S4 map m = 0…15; rows: C5 unit l = 0…119; columns: kernel element (u, v), row by row</source>
        <translation>每个 S4 特征图 m = 0…15 一块；行：C5 神经元 l = 0…119；列：卷积核元素 (u, v)，逐行排列</translation>
    </message>
    <message>
        <source>C5 kernels from S4 map {m}: w5{ml}, 120 × 25</source>
        <translation>来自 S4 特征图 {m} 的 C5 卷积核：w5{ml}，120 × 25</translation>
    </message>
    <message>
        <source>F6 weights w6 · 84×120</source>
        <translation>F6 权值 w6 · 84×120</translation>
    </message>
    <message>
        <source>rows: F6 unit i; columns: C5 unit j</source>
        <translation>行：F6 神经元 i；列：C5 神经元 j</translation>
    </message>
    <message>
        <source>F7 weights w7 · 10×84</source>
        <translation>F7 权值 w7 · 10×84</translation>
    </message>
    <message>
        <source>rows: F7 unit i; columns: F6 unit j</source>
        <translation>行：F7 神经元 i；列：F6 神经元 j</translation>
    </message>
    <message>
        <source>{name}: S2 map {k} → C3 map {m} not connected (Table 1)</source>
        <translation>{name}：S2 特征图 {k} → C3 特征图 {m} 无连接（表 1）</translation>
    </message>
    <message>
        <source>C3 kernel w3{km}: S2 map {k} → C3 map {m}</source>
        <translation>C3 卷积核 w3{km}：S2 特征图 {k} → C3 特征图 {m}</translation>
    </message>
    <message>
        <source> (not connected in Table 1)</source>
        <translation>（表 1 中无连接）</translation>
    </message>
    <message>
        <source>Table 1 layout: rows S2 map k = 0…5, columns C3 map m = 0…15; {n} of 96 pairs connected, the {e} hatched grey ones are not</source>
        <translation>按表 1 排列：行为 S2 特征图 k = 0…5，列为 C3 特征图 m = 0…15；96 对中有 {n} 对相连，{e} 个灰色阴影的无连接</translation>
    </message>
    <message>
        <source>rows S2 map k = 0…5, columns C3 map m = 0…15; C3 fully connected (all 96 pairs)</source>
        <translation>行为 S2 特征图 k = 0…5，列为 C3 特征图 m = 0…15；C3 全连接（全部 96 对）</translation>
    </message>
</context>
<context>
    <name>Labs</name>
    <message>
        <source>Enter an answer first.</source>
        <translation>请先输入答案。</translation>
    </message>
    <message>
        <source>“{0}” is not a number.</source>
        <translation>“{0}”不是一个数。</translation>
    </message>
    <message>
        <source>The window has nothing to compare with yet: do what the step says first (a sample to trace, a run to train).</source>
        <translation>程序还没有可比较的值：请先按本步骤的说明操作（选一个样本、训练一次）。</translation>
    </message>
    <message>
        <source>Not yet.</source>
        <translation>还不对。</translation>
    </message>
    <message>
        <source>Hint: {0}</source>
        <translation>提示：{0}</translation>
    </message>
    <message>
        <source>Read the step again and try once more.</source>
        <translation>再读一遍本步骤，然后再试一次。</translation>
    </message>
    <message>
        <source>Enter your prediction first.</source>
        <translation>请先输入你的预测。</translation>
    </message>
    <message>
        <source>Your prediction is noted. Now do the experiment the step describes; then Reveal shows what happened.</source>
        <translation>已记下你的预测。现在按本步骤的说明做实验，然后点“揭晓”查看结果。</translation>
    </message>
    <message>
        <source>No lab: open one (File ▸ Open lab…).</source>
        <translation>没有实验：请打开一个（文件 ▸ 打开实验…）。</translation>
    </message>
    <message>
        <source>step {0} of {1}</source>
        <translation>第 {0} 步，共 {1} 步</translation>
    </message>
    <message>
        <source>Course: {0}</source>
        <translation>课程：{0}</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Not done yet: do it in the window; this turns ✓ by itself.</source>
        <translation>尚未完成：请在窗口中操作；完成后这里会自动显示 ✓。</translation>
    </message>
    <message>
        <source>Your prediction: &lt;b&gt;{0}&lt;/b&gt; · the network: &lt;b&gt;{1}&lt;/b&gt;</source>
        <translation>你的预测：&lt;b&gt;{0}&lt;/b&gt; · 网络：&lt;b&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>揭晓</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <source>Steps of the lab done</source>
        <translation>本实验已完成的步骤</translation>
    </message>
    <message>
        <source>Some labs could not be read: {0}</source>
        <translation>有些实验无法读取：{0}</translation>
    </message>
    <message>
        <source>Open lab…</source>
        <translation>打开实验…</translation>
    </message>
    <message>
        <source>Open a lab file (TOML) a teacher wrote; it joins the Labs dock</source>
        <translation>打开教师编写的实验文件（TOML），它会加入实验面板</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Classroom mode: everything larger and in high contrast, only the Labs dock and the step&apos;s panel; Page Up / Page Down step, Esc or F11 leaves (F11)</source>
        <translation>课堂模式：一切放大并采用高对比度，只显示实验面板和本步骤的面板；PgUp / PgDown 翻步，Esc 或 F11 退出（F11）</translation>
    </message>
    <message>
        <source>Presentation scale</source>
        <translation>演示缩放</translation>
    </message>
    <message>
        <source>How much larger the presentation shows everything</source>
        <translation>演示模式把一切放大多少</translation>
    </message>
    <message>
        <source>Show the presentation at {0} %</source>
        <translation>以 {0} % 显示演示模式</translation>
    </message>
    <message>
        <source>Open a lab</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <source>Labs (*.toml);;All files (*)</source>
        <translation>实验 (*.toml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Could not open the lab: {0}</source>
        <translation>无法打开实验：{0}</translation>
    </message>
    <message>
        <source>Save the lab report</source>
        <translation>保存实验报告</translation>
    </message>
    <message>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <source>Could not save the report: {0}</source>
        <translation>无法保存报告：{0}</translation>
    </message>
    <message>
        <source>Report saved: {0}</source>
        <translation>报告已保存：{0}</translation>
    </message>
</context>
<context>
    <name>LayerCount</name>
    <message>
        <source>max-pooling: no parameters</source>
        <translation>max-pooling：无参数</translation>
    </message>
    <message>
        <source>mean-pooling: no parameters</source>
        <translation>mean-pooling：无参数</translation>
    </message>
    <message>
        <source>a2 and b2 per map</source>
        <translation>每个特征图一个 a2 和一个 b2</translation>
    </message>
    <message>
        <source>a4 and b4 per map</source>
        <translation>每个特征图一个 a4 和一个 b4</translation>
    </message>
    <message>
        <source>maps are 1×1</source>
        <translation>特征图为 1×1</translation>
    </message>
</context>
<context>
    <name>LossPanel</name>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis</source>
        <translation>用对数坐标轴显示代价</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Forget the curves drawn so far</source>
        <translation>清除目前画出的曲线</translation>
    </message>
    <message>
        <source>Hover a curve to read its values</source>
        <translation>把鼠标移到曲线上读数</translation>
    </message>
    <message>
        <source>Values at the mouse position</source>
        <translation>鼠标位置处的数值</translation>
    </message>
    <message>
        <source>Loss J (cross-entropy)</source>
        <translation>代价函数 J（交叉熵）</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>loss per batch</source>
        <translation>每批的代价</translation>
    </message>
    <message>
        <source>smoothed (accuracy: smoothed per batch)</source>
        <translation>平滑值（准确率：每批平滑）</translation>
    </message>
    <message>
        <source>test subset (1,000 images)</source>
        <translation>测试子集（1,000 张）</translation>
    </message>
    <message>
        <source>whole test set, per epoch</source>
        <translation>整个测试集，每轮</translation>
    </message>
    <message>
        <source>What the curves show</source>
        <translation>各曲线的含义</translation>
    </message>
    <message>
        <source>diverged at batch {0}</source>
        <translation>在第 {0} 批发散</translation>
    </message>
    <message>
        <source>no batches yet</source>
        <translation>还没有批次</translation>
    </message>
    <message>
        <source>batch {0}: loss {1:.4f}, smoothed {2:.4f}, accuracy (smoothed) {3:.1f} %</source>
        <translation>第 {0} 批：代价 {1:.4f}，平滑 {2:.4f}，准确率（平滑）{3:.1f} %</translation>
    </message>
    <message>
        <source>subset</source>
        <translation>子集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>; {0} at batch {1}: loss {2:.4f}, accuracy {3:.2f} %</source>
        <translation>；{0}在第 {1} 批：代价 {2:.4f}，准确率 {3:.2f} %</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>特征图</translation>
    </message>
    <message>
        <source>Kernels</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>δ heatmaps</source>
        <translation>δ 敏感值热图</translation>
    </message>
    <message>
        <source>Loss and accuracy</source>
        <translation>代价与准确率</translation>
    </message>
    <message>
        <source>Draw a digit</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>Backprop stepper</source>
        <translation>反向传播逐步演示</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Data explorer</source>
        <translation>数据浏览</translation>
    </message>
    <message>
        <source>Robustness</source>
        <translation>鲁棒性</translation>
    </message>
    <message>
        <source>Feature space</source>
        <translation>特征空间</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>LeNet-5 Studio</source>
        <translation>LeNet-5 Studio</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Train exactly one mini-batch, then stay paused (→)</source>
        <translation>只训练一个小批量，然后保持暂停（→）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>End this training run (Ctrl+.)</source>
        <translation>结束本次训练（Ctrl+.）</translation>
    </message>
    <message>
        <source>New run</source>
        <translation>新的训练运行</translation>
    </message>
    <message>
        <source>Start a new run from random weights; the current run stays in the Runs panel (Ctrl+R)</source>
        <translation>从随机权值开始新的训练运行；当前运行保留在“训练运行”面板中（Ctrl+R）</translation>
    </message>
    <message>
        <source>Fine-tune on my digits…</source>
        <translation>在我的数字上微调…</translation>
    </message>
    <message>
        <source>A new run from a run&apos;s weights, trained on the digits you kept (My digits)</source>
        <translation>从某次运行的权重开始的新运行，在你保存的数字（我的数字）上训练</translation>
    </message>
    <message>
        <source>Open workspace…</source>
        <translation>打开工作区…</translation>
    </message>
    <message>
        <source>Restore a saved workspace: configuration, weights and loss history (Ctrl+O)</source>
        <translation>恢复保存的工作区：配置、权值和代价历史（Ctrl+O）</translation>
    </message>
    <message>
        <source>Save workspace…</source>
        <translation>保存工作区…</translation>
    </message>
    <message>
        <source>Save the configuration, the weights and the loss history (Ctrl+S)</source>
        <translation>保存配置、权值和代价历史（Ctrl+S）</translation>
    </message>
    <message>
        <source>Open weights…</source>
        <translation>打开权值…</translation>
    </message>
    <message>
        <source>Load weights from a .npz checkpoint (Ctrl+Shift+O)</source>
        <translation>从 .npz 检查点载入权值（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>Save weights…</source>
        <translation>保存权值…</translation>
    </message>
    <message>
        <source>Save the current weights as a .npz checkpoint (Ctrl+Shift+S)</source>
        <translation>把当前权值保存为 .npz 检查点（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>Whole window…</source>
        <translation>整个窗口…</translation>
    </message>
    <message>
        <source>Save a picture of the whole window as PNG or SVG (Ctrl+E)</source>
        <translation>把整个窗口保存为 PNG 或 SVG 图片（Ctrl+E）</translation>
    </message>
    <message>
        <source>Loss history as CSV…</source>
        <translation>代价历史（CSV）…</translation>
    </message>
    <message>
        <source>Save the loss and accuracy curves as a CSV table (Ctrl+Shift+E)</source>
        <translation>把代价和准确率曲线保存为 CSV 表格（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Close the application</source>
        <translation>关闭程序</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>重置布局</translation>
    </message>
    <message>
        <source>Put every panel back in its default place (Ctrl+Shift+R)</source>
        <translation>把每个面板放回默认位置（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Every keyboard shortcut of the window (F1)</source>
        <translation>窗口的所有键盘快捷键（F1）</translation>
    </message>
    <message>
        <source>What&apos;s This?</source>
        <translation>这是什么？</translation>
    </message>
    <message>
        <source>Click any control, plot or colour bar to have it explained (Shift+F1)</source>
        <translation>点击任何控件、图表或色标，查看它的解释（Shift+F1）</translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <translation>我在看什么？</translation>
    </message>
    <message>
        <source>Explain the panel that has the keyboard focus (Ctrl+F1)</source>
        <translation>解释拥有键盘焦点的面板（Ctrl+F1）</translation>
    </message>
    <message>
        <source>About LeNet-5 Studio</source>
        <translation>关于 LeNet-5 Studio</translation>
    </message>
    <message>
        <source>Version, licences and the MNIST attribution</source>
        <translation>版本、许可证和 MNIST 数据来源</translation>
    </message>
    <message>
        <source>Show the interface in {0}</source>
        <translation>界面使用{0}</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Save a panel as a picture, or the loss history</source>
        <translation>把面板保存为图片，或导出代价历史</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Panels</source>
        <translation>面板</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation> 速度 </translation>
    </message>
    <message>
        <source>Slow motion: from about one batch a second to full speed</source>
        <translation>慢动作：从每秒约一批到全速</translation>
    </message>
    <message>
        <source>Training speed: left is slow motion (about one batch a second), right is full speed</source>
        <translation>训练速度：左边是慢动作（每秒约一批），右边是全速</translation>
    </message>
    <message>
        <source>The pause after each batch</source>
        <translation>每批之后的停顿</translation>
    </message>
    <message>
        <source> Probe: test image # </source>
        <translation> 探针：测试图片 # </translation>
    </message>
    <message>
        <source>The sample every panel shows</source>
        <translation>所有面板显示的样本</translation>
    </message>
    <message>
        <source>Index of the test image shown in every panel</source>
        <translation>所有面板显示的测试图片的序号</translation>
    </message>
    <message>
        <source>The probe sample as the network sees it</source>
        <translation>网络所见的探针样本</translation>
    </message>
    <message>
        <source>The probe&apos;s true label and the network&apos;s answer</source>
        <translation>探针样本的真实标签和网络的回答</translation>
    </message>
    <message>
        <source>Epoch, batch, training speed and time left</source>
        <translation>轮次、批次、训练速度和剩余时间</translation>
    </message>
    <message>
        <source>Progress of the data load or of the training run</source>
        <translation>数据载入或训练的进度</translation>
    </message>
    <message>
        <source>{0}: right-click the title to export it or to ask what it shows</source>
        <translation>{0}：右键点击标题可导出它，或查看它显示的内容</translation>
    </message>
    <message>
        <source>Show or hide the {0} panel</source>
        <translation>显示或隐藏“{0}”面板</translation>
    </message>
    <message>
        <source>{0} as PNG…</source>
        <translation>{0}（PNG）…</translation>
    </message>
    <message>
        <source>{0} as SVG…</source>
        <translation>{0}（SVG）…</translation>
    </message>
    <message>
        <source>Save a picture of the {0} panel</source>
        <translation>保存“{0}”面板的图片</translation>
    </message>
    <message>
        <source>What the {0} panel shows, with the course&apos;s section and formula</source>
        <translation>“{0}”面板显示的内容，以及对应的课程章节和公式</translation>
    </message>
    <message>
        <source>Layout reset</source>
        <translation>布局已重置</translation>
    </message>
    <message>
        <source>Note: {0}</source>
        <translation>注意：{0}</translation>
    </message>
    <message>
        <source>{0} (not saved)</source>
        <translation>{0}（未保存）</translation>
    </message>
    <message>
        <source>Loading MNIST…</source>
        <translation>正在载入 MNIST…</translation>
    </message>
    <message>
        <source>Loading MNIST: {0} ({1}/{2})</source>
        <translation>正在载入 MNIST：{0}（{1}/{2}）</translation>
    </message>
    <message>
        <source>MNIST loaded</source>
        <translation>MNIST 已载入</translation>
    </message>
    <message>
        <source>Could not load MNIST</source>
        <translation>无法载入 MNIST</translation>
    </message>
    <message>
        <source>{0:,} training and {1:,} test images loaded</source>
        <translation>已载入 {0:,} 张训练图片和 {1:,} 张测试图片</translation>
    </message>
    <message>
        <source>No shipped weights found ({0}): starting from random weights</source>
        <translation>未找到随附的权值（{0}）：从随机权值开始</translation>
    </message>
    <message>
        <source>Shipped weights unusable ({0}): starting from random weights</source>
        <translation>随附的权值不可用（{0}）：从随机权值开始</translation>
    </message>
    <message>
        <source>pretrained ({0:.2f} %)</source>
        <translation>预训练（{0:.2f} %）</translation>
    </message>
    <message>
        <source>pretrained</source>
        <translation>预训练</translation>
    </message>
    <message>
        <source> {0}: label {1}</source>
        <translation> {0}：标签 {1}</translation>
    </message>
    <message>
        <source> {0}: label {1} · net says {2} ({3:.0f} %)</source>
        <translation> {0}：标签 {1} · 网络认为是 {2}（{3:.0f} %）</translation>
    </message>
    <message>
        <source>the helper process failed ({0}): training continues in one process</source>
        <translation>辅助进程出错（{0}）：训练在单个进程中继续</translation>
    </message>
    <message>
        <source>could not start the helper process ({0}): training continues in one process</source>
        <translation>无法启动辅助进程（{0}）：训练在单个进程中继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause training (Space)</source>
        <translation>暂停训练（空格）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue training (Space)</source>
        <translation>继续训练（空格）</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Start training (Space)</source>
        <translation>开始训练（空格）</translation>
    </message>
    <message>
        <source>Cannot train</source>
        <translation>无法训练</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>训练发散</translation>
    </message>
    <message>
        <source>Diverged: the last good weights were restored</source>
        <translation>发散：已恢复最后一组正常的权值</translation>
    </message>
    <message>
        <source>epoch {0}/{1} · batch {2}/{3} · {4:,.0f} samples/s · ETA {5}</source>
        <translation>第 {0}/{1} 轮 · 第 {2}/{3} 批 · 每秒 {4:,.0f} 个样本 · 剩余 {5}</translation>
    </message>
    <message>
        <source> · test {0:.2f} %</source>
        <translation> · 测试 {0:.2f} %</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>The training thread stopped with an error:

{0}

The weights of the last update are kept.</source>
        <translation>训练线程因错误而停止：

{0}

保留最后一次更新的权值。</translation>
    </message>
    <message>
        <source>Training finished</source>
        <translation>训练完成</translation>
    </message>
    <message>
        <source>This architecture needs new weights: a new run starts from random weights (the current run stays in the Runs panel). Continue?</source>
        <translation>这种结构需要新的权值：将从随机权值开始新的训练运行（当前运行保留在“训练运行”面板中）。继续吗？</translation>
    </message>
    <message>
        <source>New run from random weights</source>
        <translation>从随机权值开始新的训练运行</translation>
    </message>
    <message>
        <source>full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>{0:.1f} s / batch</source>
        <translation>{0:.1f} 秒 / 批</translation>
    </message>
    <message>
        <source>+{0:.0f} ms / batch</source>
        <translation>+{0:.0f} 毫秒 / 批</translation>
    </message>
    <message>
        <source>Batch size, epochs and augmentation apply to the next run (Stop, then Train)</source>
        <translation>批大小、轮数和数据增强在下一次训练时生效（先停止，再训练）</translation>
    </message>
    <message>
        <source>Change the architecture?</source>
        <translation>更改网络结构？</translation>
    </message>
    <message>
        <source>New architecture, random weights</source>
        <translation>新的网络结构，随机权值</translation>
    </message>
    <message>
        <source>Open checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.npz);;All files (*)</source>
        <translation>检查点 (*.npz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open checkpoint</source>
        <translation>无法打开检查点</translation>
    </message>
    <message>
        <source>{0}

The current weights are unchanged.</source>
        <translation>{0}

当前权值没有改变。</translation>
    </message>
    <message>
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <source>Save checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.npz)</source>
        <translation>检查点 (*.npz)</translation>
    </message>
    <message>
        <source>Cannot save checkpoint</source>
        <translation>无法保存检查点</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Workspaces (*.npz);;All files (*)</source>
        <translation>工作区 (*.npz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>{0}

Nothing was changed.</source>
        <translation>{0}

没有做任何改变。</translation>
    </message>
    <message>
        <source>Opened workspace {0}</source>
        <translation>已打开工作区 {0}</translation>
    </message>
    <message>
        <source>The timeline was skipped</source>
        <translation>时间线已跳过</translation>
    </message>
    <message>
        <source>Save workspace</source>
        <translation>保存工作区</translation>
    </message>
    <message>
        <source>Workspaces (*.npz)</source>
        <translation>工作区 (*.npz)</translation>
    </message>
    <message>
        <source>Cannot save workspace</source>
        <translation>无法保存工作区</translation>
    </message>
    <message>
        <source>Saved workspace {0}</source>
        <translation>已保存工作区 {0}</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>已导出 {0}</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export the loss history</source>
        <translation>导出代价历史</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The translation could not be loaded.</source>
        <translation>无法载入翻译。</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>训练运行</translation>
    </message>
    <message>
        <source>Some runs could not be read: {0}</source>
        <translation>有些训练运行无法读取：{0}</translation>
    </message>
    <message>
        <source>⚠ {0} not saved: {1}</source>
        <translation>⚠ {0} 未保存：{1}</translation>
    </message>
    <message>
        <source>Run “{0}” is not saved: {1}
{2}
Click to save it elsewhere or to try again.</source>
        <translation>训练运行“{0}”未保存：{1}
{2}
点击可另存到别处或重试。</translation>
    </message>
    <message>
        <source>Nothing of it is on disk.</source>
        <translation>磁盘上还没有它的任何内容。</translation>
    </message>
    <message>
        <source>The copy on disk holds {0:,} of its {1:,} batches.</source>
        <translation>磁盘上的副本只有它 {1:,} 个批次中的 {0:,} 个。</translation>
    </message>
    <message>
        <source>run {0}</source>
        <translation>运行 {0}</translation>
    </message>
    <message>
        <source>Cannot save the run</source>
        <translation>无法保存训练运行</translation>
    </message>
    <message>
        <source>Cannot save the run: {0}</source>
        <translation>无法保存训练运行：{0}</translation>
    </message>
    <message>
        <source>Training goes on; run {0} is kept only until the application closes.</source>
        <translation>训练继续进行；训练运行“{0}”只保留到应用程序关闭为止。</translation>
    </message>
    <message>
        <source>Close the window without the unsaved part of the run?</source>
        <translation>关闭窗口，放弃这次训练运行中未保存的部分？</translation>
    </message>
    <message>
        <source>Start a new run without the unsaved part of this one?</source>
        <translation>开始新的训练运行，放弃当前运行中未保存的部分？</translation>
    </message>
    <message>
        <source>Leave this run without its unsaved part?</source>
        <translation>离开这次训练运行，放弃其中未保存的部分？</translation>
    </message>
    <message>
        <source>Save the run elsewhere, or try again?</source>
        <translation>把训练运行另存到别处，还是重试？</translation>
    </message>
    <message>
        <source>The run is not saved</source>
        <translation>训练运行未保存</translation>
    </message>
    <message>
        <source>Run “{0}” is not saved: {1}</source>
        <translation>训练运行“{0}”未保存：{1}</translation>
    </message>
    <message>
        <source>Save elsewhere…</source>
        <translation>另存到别处…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save the run elsewhere</source>
        <translation>把训练运行另存到别处</translation>
    </message>
    <message>
        <source>Run “{0}” saved to {1}</source>
        <translation>训练运行“{0}”已保存到 {1}</translation>
    </message>
    <message>
        <source>Rename the run</source>
        <translation>重命名训练运行</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Delete the run?</source>
        <translation>删除训练运行？</translation>
    </message>
    <message>
        <source>Delete the run “{0}”? Undo (in the Runs panel) brings it back until the application closes.</source>
        <translation>删除训练运行“{0}”？在应用程序关闭之前，可在“训练运行”面板中撤销。</translation>
    </message>
    <message>
        <source>Export the run</source>
        <translation>导出训练运行</translation>
    </message>
    <message>
        <source>Cannot fine-tune</source>
        <translation>无法微调</translation>
    </message>
    <message>
        <source>Cannot fine-tune on my digits: {0}</source>
        <translation>无法在我的数字上微调：{0}</translation>
    </message>
    <message>
        <source>{0} → my digits</source>
        <translation>{0} → 我的数字</translation>
    </message>
    <message>
        <source>Fine-tuning on {0} of my digits ({1} held out)</source>
        <translation>正在我的 {0} 个数字上微调（留出 {1} 个）</translation>
    </message>
    <message>
        <source>Distributions</source>
        <translation>分布</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
    <message>
        <source>Fine-tuning</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>Labs</source>
        <translation>实验</translation>
    </message>
</context>
<context>
    <name>PanelCommon</name>
    <message>
        <source>Enlarged map</source>
        <translation>放大的特征图</translation>
    </message>
    <message>
        <source>colour levels {lo} … {hi} (as in the panel)</source>
        <translation>颜色范围 {lo} … {hi}（与面板相同）</translation>
    </message>
</context>
<context>
    <name>Perspective</name>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Watch the network learn: the settings, the loss curves and the distributions, the feature maps, the kernels and the δ heatmaps</source>
        <translation>观察网络学习：设置、代价曲线和分布、特征图、卷积核和 δ 热图</translation>
    </message>
    <message>
        <source>Backprop</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Step through one sample&apos;s backpropagation: the stepper across most of the window, the δ heatmaps of every layer beside it</source>
        <translation>逐步查看一个样本的反向传播：逐步演示占据窗口的大部分，旁边是每一层的 δ 热图</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>手写</translation>
    </message>
    <message>
        <source>Draw a digit: the canvas, what every layer makes of it (the feature maps and the architecture) and the explanation</source>
        <translation>手写一个数字：画板、每一层对它的处理（特征图和网络结构）以及解释</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>What the network gets wrong: the confusion matrix and its gallery, the data explorer, the robustness curves and the feature space</source>
        <translation>网络错在哪里：混淆矩阵及其图库、数据浏览、鲁棒性曲线和特征空间</translation>
    </message>
    <message>
        <source>Learn</source>
        <translation>学习</translation>
    </message>
    <message>
        <source>Follow a lab: the Labs dock leads through the course step by step, beside the panels its steps are about</source>
        <translation>跟随实验：实验面板一步一步带你学习课程，旁边是各步骤涉及的面板</translation>
    </message>
    <message>
        <source>&amp;Perspective</source>
        <translation>视图(&amp;P)</translation>
    </message>
    <message>
        <source> Perspective: </source>
        <translation> 视图： </translation>
    </message>
    <message>
        <source>Arrange the window for one job (Ctrl+1 … Ctrl+5)</source>
        <translation>为一项任务排列窗口（Ctrl+1 … Ctrl+5）</translation>
    </message>
    <message>
        <source>The five perspectives, one for each job of the studio: Train (curves, feature maps, kernels, δ), Backprop (the stepper across the window), Draw (the canvas and what each layer makes of the drawing), Evaluate (confusion matrix, gallery, robustness, embedding) and Learn (a lab, step by step, beside the panels it is about); Ctrl+1 … Ctrl+5.</source>
        <translation>五个视图，每个对应一项工作：训练（曲线、特征图、卷积核、δ）、反向传播（逐步演示占满窗口）、手写（画板以及各层对手写数字的处理）、评估（混淆矩阵、图库、鲁棒性、特征空间）和学习（一步一步做实验，旁边是它涉及的面板）；Ctrl+1 … Ctrl+5。</translation>
    </message>
    <message>
        <source>Arrange the window for one job: only this job&apos;s panels, at sizes chosen for it. Your own changes (panels moved, resized or closed) are remembered for this perspective; “Reset this perspective” brings back its default.</source>
        <translation>为一项任务排列窗口：只显示该任务的面板，大小为其选定。你自己的修改（移动、调整大小或关闭面板）会为此视图记住；“重置此视图”恢复其默认布局。</translation>
    </message>
    <message>
        <source>Reset this perspective</source>
        <translation>重置此视图</translation>
    </message>
    <message>
        <source>Forget your changes to the current perspective and show its default</source>
        <translation>忘记你对当前视图的修改，显示其默认布局</translation>
    </message>
    <message>
        <source>Forget how you rearranged the current perspective (panels moved, resized or closed) and show its default arrangement again.</source>
        <translation>忘掉你对当前视图所做的调整（面板的移动、缩放或关闭），重新显示它的默认布局。</translation>
    </message>
    <message>
        <source>Perspective reset</source>
        <translation>视图已重置</translation>
    </message>
</context>
<context>
    <name>Probe</name>
    <message>
        <source>test #{0}</source>
        <translation>测试 #{0}</translation>
    </message>
    <message>
        <source>train #{0}</source>
        <translation>训练 #{0}</translation>
    </message>
    <message>
        <source>drawing</source>
        <translation>手写数字</translation>
    </message>
</context>
<context>
    <name>Runs</name>
    <message>
        <source>Table 1 or a full C3?</source>
        <translation>表 1 还是全连接的 C3？</translation>
    </message>
    <message>
        <source>Max, mean or trainable sub-sampling?</source>
        <translation>最大、平均还是可训练的下采样？</translation>
    </message>
    <message>
        <source>Scaled tanh, sigmoid or ReLU?</source>
        <translation>缩放的 tanh、sigmoid 还是 ReLU？</translation>
    </message>
    <message>
        <source>f at F7 or not?</source>
        <translation>F7 是否使用 f？</translation>
    </message>
    <message>
        <source>Which learning rate α?</source>
        <translation>学习率 α 取多少？</translation>
    </message>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>best test</source>
        <translation>最佳测试</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Make the selected run the current one: Train continues it</source>
        <translation>把选中的运行设为当前运行：“训练”将继续训练它</translation>
    </message>
    <message>
        <source>New run</source>
        <translation>新的运行</translation>
    </message>
    <message>
        <source>A new run from random weights (the others are kept)</source>
        <translation>从随机权值开始新的运行（其他运行保留）</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename the selected run</source>
        <translation>重命名选中的运行</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected run (asks first; Undo brings it back until the application closes)</source>
        <translation>删除选中的运行（先询问；在应用程序关闭前可撤销）</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <source>Bring back the last deleted run</source>
        <translation>恢复最近删除的运行</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the selected run as a workspace file</source>
        <translation>把选中的运行保存为工作区文件</translation>
    </message>
    <message>
        <source>Use for the canvas</source>
        <translation>用于画板</translation>
    </message>
    <message>
        <source>Classify drawings with the selected run&apos;s weights</source>
        <translation>用选中运行的权值识别手写数字</translation>
    </message>
    <message>
        <source>The course asks:</source>
        <translation>课程的问题：</translation>
    </message>
    <message>
        <source>One of the course&apos;s questions: its runs train one after another, same seed and data</source>
        <translation>课程中的一个问题：它的各个运行依次训练，使用相同的随机种子和数据</translation>
    </message>
    <message>
        <source>Run the experiment</source>
        <translation>运行实验</translation>
    </message>
    <message>
        <source>Select two or more runs to overlay their curves. ▶ the current run, ✎ the canvas&apos;s model</source>
        <translation>选中两个或更多运行以叠加它们的曲线。▶ 当前运行，✎ 画板使用的模型</translation>
    </message>
    <message>
        <source>Loss J (smoothed)</source>
        <translation>损失 J（平滑）</translation>
    </message>
    <message>
        <source>Test accuracy (%)</source>
        <translation>测试准确率（%）</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <source>f: 1.7159·tanh(2u/3)</source>
        <translation>f：1.7159·tanh(2u/3)</translation>
    </message>
    <message>
        <source>f: tanh</source>
        <translation>f：tanh</translation>
    </message>
    <message>
        <source>f: sigmoid</source>
        <translation>f：sigmoid</translation>
    </message>
    <message>
        <source>f: ReLU</source>
        <translation>f：ReLU</translation>
    </message>
    <message>
        <source>S2/S4: max</source>
        <translation>S2/S4：最大池化</translation>
    </message>
    <message>
        <source>S2/S4: mean</source>
        <translation>S2/S4：平均池化</translation>
    </message>
    <message>
        <source>S2/S4: trainable</source>
        <translation>S2/S4：可训练下采样</translation>
    </message>
    <message>
        <source>C3: Table 1</source>
        <translation>C3：表 1</translation>
    </message>
    <message>
        <source>C3: full</source>
        <translation>C3：全连接</translation>
    </message>
    <message>
        <source>f at F7</source>
        <translation>F7 上用 f</translation>
    </message>
    <message>
        <source>F7 linear</source>
        <translation>F7 线性</translation>
    </message>
    <message>
        <source>α {0:g}</source>
        <translation>α {0:g}</translation>
    </message>
    <message>
        <source>batch {0}</source>
        <translation>批大小 {0}</translation>
    </message>
    <message>
        <source>augmented</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>no augmentation</source>
        <translation>无数据增强</translation>
    </message>
    <message>
        <source>seed {0}</source>
        <translation>种子 {0}</translation>
    </message>
    <message>
        <source>Table 1</source>
        <translation>表 1</translation>
    </message>
    <message>
        <source>full C3</source>
        <translation>全连接 C3</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <source>LeCun: 1.7159·tanh(2u/3)</source>
        <translation>LeCun：1.7159·tanh(2u/3)</translation>
    </message>
    <message>
        <source>sigmoid 1/(1+e⁻ᵘ)</source>
        <translation>sigmoid 1/(1+e⁻ᵘ)</translation>
    </message>
    <message>
        <source>course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>course, f at F7</source>
        <translation>课程，F7 带 f</translation>
    </message>
    <message>
        <source>LeNet-5 1998</source>
        <translation>LeNet-5 1998</translation>
    </message>
    <message>
        <source>modern</source>
        <translation>现代</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>A named model configuration; &apos;course&apos; is the course&apos;s LeNet-5</source>
        <translation>命名的模型配置；“课程”即课程中的 LeNet-5</translation>
    </message>
    <message>
        <source>f, the activation function of every layer</source>
        <translation>f，每一层的激活函数</translation>
    </message>
    <message>
        <source>max-pooling (course)</source>
        <translation>max-pooling 最大池化（课程）</translation>
    </message>
    <message>
        <source>mean-pooling</source>
        <translation>mean-pooling 平均池化</translation>
    </message>
    <message>
        <source>trainable a·Σ + b (LeNet 1998)</source>
        <translation>可训练 a·Σ + b（LeNet 1998）</translation>
    </message>
    <message>
        <source>How S2 and S4 sub-sample their 2×2 windows</source>
        <translation>S2 和 S4 如何对 2×2 窗口下采样</translation>
    </message>
    <message>
        <source>Table 1 (60 of 96)</source>
        <translation>表 1（96 取 60）</translation>
    </message>
    <message>
        <source>full (96 of 96)</source>
        <translation>全连接（96 取 96）</translation>
    </message>
    <message>
        <source>Which S2 maps each C3 map reads: the course&apos;s Table 1 or all</source>
        <translation>每个 C3 特征图读取哪些 S2 特征图：课程的表 1 或全部</translation>
    </message>
    <message>
        <source>f at F7</source>
        <translation>F7 带 f</translation>
    </message>
    <message>
        <source>Apply f to F7 before the softmax, literally as the course writes f7 = f(u_f7). Off by default: a bounded f caps the probabilities (with 1.7159·tanh, y ≤ 0.775, so J ≥ 0.255 even for a perfectly classified image) and the gradient never stops pushing; without it y can reach 1.</source>
        <translation>在 Softmax 之前对 F7 使用 f，与课程的写法 f7 = f(u_f7) 完全一致。默认关闭：有界的 f 限制了概率（用 1.7159·tanh 时 y ≤ 0.775，即使图片完全分类正确 J ≥ 0.255），梯度永远不会停止推动；不用 f 时 y 可以达到 1。</translation>
    </message>
    <message>
        <source>Learning rate α in θ := θ − α·∂J/∂θ (takes effect at once; the schedule scales it)</source>
        <translation>θ := θ − α·∂J/∂θ 中的学习速率 α（立即生效；学习率计划会缩放它）</translation>
    </message>
    <message>
        <source>Momentum μ in v := μ·v − α·∂J/∂θ (takes effect at once)</source>
        <translation>v := μ·v − α·∂J/∂θ 中的动量 μ（立即生效）</translation>
    </message>
    <message>
        <source>Images per mini-batch (applies to the next run)</source>
        <translation>每个小批量的图片数（下一次训练生效）</translation>
    </message>
    <message>
        <source>Passes over the training set (applies to the next run)</source>
        <translation>遍历训练集的次数（下一次训练生效）</translation>
    </message>
    <message>
        <source>augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Random affine moves and elastic distortions of the training images (applies to the next run)</source>
        <translation>对训练图片做随机仿射变换和弹性形变（下一次训练生效）</translation>
    </message>
    <message>
        <source>Trainable parameters of this configuration</source>
        <translation>此配置的可训练参数</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Activation f</source>
        <translation>激活函数 f</translation>
    </message>
    <message>
        <source>S2/S4</source>
        <translation>S2/S4 下采样</translation>
    </message>
    <message>
        <source>C3</source>
        <translation>C3 连接</translation>
    </message>
    <message>
        <source>Learning rate α</source>
        <translation>学习速率 α</translation>
    </message>
    <message>
        <source>Momentum μ</source>
        <translation>动量 μ</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>{0:,} trainable parameters</source>
        <translation>{0:,} 个可训练参数</translation>
    </message>
    <message>
        <source>Weight decay λ = {0:g} (on w)</source>
        <translation>权值衰减 λ = {0:g}（作用于 w）</translation>
    </message>
</context>
<context>
    <name>Stepper</name>
    <message>
        <source>Sample:</source>
        <translation>样本：</translation>
    </message>
    <message>
        <source>test #</source>
        <translation>测试 #</translation>
    </message>
    <message>
        <source>Index of the test image</source>
        <translation>测试图片的序号</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>A random test image</source>
        <translation>随机一张测试图片</translation>
    </message>
    <message>
        <source>Probe</source>
        <translation>探针</translation>
    </message>
    <message>
        <source>Use the probe sample of the other panels, or the canvas drawing</source>
        <translation>使用其他面板的探针样本或画布上的手写数字</translation>
    </message>
    <message>
        <source>label z:</source>
        <translation>标签 z：</translation>
    </message>
    <message>
        <source>The target digit z of J = −Σ zᵢ log yᵢ</source>
        <translation>J = −Σ zᵢ log yᵢ 中的目标数字 z</translation>
    </message>
    <message>
        <source>Seconds per step</source>
        <translation>每步秒数</translation>
    </message>
    <message>
        <source>Learning rate α of the update step θ := θ − α·δ(θ)</source>
        <translation>更新步骤 θ := θ − α·δ(θ) 的学习率 α</translation>
    </message>
    <message>
        <source>Compare with a finite difference of J in float64 on the same sample: the five-point stencil (−J(θ+2h) + 8·J(θ+h) − 8·J(θ−h) + J(θ−2h)) / 12h with h = 1e-4, error O(h⁴) (ReLU: the central (J(θ+h) − J(θ−h)) / 2h with h = 1e-7)</source>
        <translation>在同一样本上与 J 的 float64 有限差分比较：五点差分 (−J(θ+2h) + 8·J(θ+h) − 8·J(θ−h) + J(θ−2h)) / 12h，h = 1e-4，误差 O(h⁴)（ReLU：中心差分 (J(θ+h) − J(θ−h)) / 2h，h = 1e-7）</translation>
    </message>
    <message>
        <source>Refresh weights</source>
        <translation>刷新权值</translation>
    </message>
    <message>
        <source>Re-read the current weights (paused training or the loaded checkpoint)</source>
        <translation>重新读取当前权值（暂停的训练或载入的检查点）</translation>
    </message>
    <message>
        <source>First step (Home)</source>
        <translation>第一步（Home）</translation>
    </message>
    <message>
        <source>Previous step (←)</source>
        <translation>上一步（←）</translation>
    </message>
    <message>
        <source>Next step (→)</source>
        <translation>下一步（→）</translation>
    </message>
    <message>
        <source>Last step (End)</source>
        <translation>最后一步（End）</translation>
    </message>
    <message>
        <source>Play the steps</source>
        <translation>自动播放各步</translation>
    </message>
    <message>
        <source> s/step</source>
        <translation> 秒/步</translation>
    </message>
    <message>
        <source>Seconds per step while playing</source>
        <translation>播放时每步的秒数</translation>
    </message>
    <message>
        <source>α:</source>
        <translation>α：</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习速率</translation>
    </message>
    <message>
        <source>term</source>
        <translation>项</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>factors</source>
        <translation>因子</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检验</translation>
    </message>
    <message>
        <source>Waiting for weights and data: train, or open a checkpoint, then press Refresh weights.</source>
        <translation>正在等待权值和数据：请训练或打开检查点，然后按“刷新权值”。</translation>
    </message>
    <message>
        <source>true {0}</source>
        <translation>真实 {0}</translation>
    </message>
    <message>
        <source>no label</source>
        <translation>无标签</translation>
    </message>
    <message>
        <source>{0} · predicted {1} ({2:.0%})</source>
        <translation>{0} · 预测 {1}（{2:.0%}）</translation>
    </message>
    <message>
        <source>Refresh weights •</source>
        <translation>刷新权值 •</translation>
    </message>
    <message>
        <source>Newer weights are available</source>
        <translation>有更新的权值</translation>
    </message>
    <message>
        <source>Colours saturate beyond the 99th percentile of |values|; hover for exact numbers</source>
        <translation>超过 |值| 第 99 百分位数的颜色饱和显示；鼠标悬停可看精确数值</translation>
    </message>
    <message>
        <source>J = −log y_z = {0:.6g}. Click a tile to see the terms of its sum.</source>
        <translation>J = −log y_z = {0:.6g}。点击一个方块查看其求和的各项。</translation>
    </message>
    <message>
        <source>Click a tile of a map to see the terms of its sum, largest first, then Check it.</source>
        <translation>点击特征图中的一个方块，查看其求和的各项（大的在前），然后“检验”。</translation>
    </message>
    <message>
        <source>i</source>
        <translation>i</translation>
    </message>
    <message>
        <source>δ(f7ᵢ)</source>
        <translation>δ(f7ᵢ)</translation>
    </message>
    <message>
        <source>yᵢ − zᵢ</source>
        <translation>yᵢ − zᵢ</translation>
    </message>
    <message>
        <source>J: {0} → {1} ({2:+.1%})</source>
        <translation>J：{0} → {1}（{2:+.1%}）</translation>
    </message>
    <message>
        <source>How each kernel changed: ‖Δθ‖ per layer and per kernel (click a tile for one weight).</source>
        <translation>每个卷积核的变化：每层、每个卷积核的 ‖Δθ‖（点击方块查看单个权值）。</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>‖Δθ‖</source>
        <translation>‖Δθ‖</translation>
    </message>
    <message>
        <source>‖Δθ‖ / ‖θ‖</source>
        <translation>‖Δθ‖ / ‖θ‖</translation>
    </message>
    <message>
        <source>w6 row {0}</source>
        <translation>w6 第 {0} 行</translation>
    </message>
    <message>
        <source>w7 row {0}</source>
        <translation>w7 第 {0} 行</translation>
    </message>
    <message>
        <source>{0} = {1:.6g}: {2} terms, largest first (sum {3:.6g})</source>
        <translation>{0} = {1:.6g}：{2} 项，大的在前（和为 {3:.6g}）</translation>
    </message>
    <message>
        <source>{0} = {1:.6g}</source>
        <translation>{0} = {1:.6g}</translation>
    </message>
    <message>
        <source>… {0} smaller terms</source>
        <translation>… 还有 {0} 个较小的项</translation>
    </message>
    <message>
        <source>analytic {0:.6e} · numeric {1:.6e} · relative error {2:.1e}</source>
        <translation>解析 {0:.6e} · 数值 {1:.6e} · 相对误差 {2:.1e}</translation>
    </message>
    <message>
        <source>{0}: δ from the model&apos;s backward pass in float64 against the five-point difference (−J(θ+2h) + 8·J(θ+h) − 8·J(θ−h) + J(θ−2h)) / 12h, h = {1:g}</source>
        <translation>{0}：模型反向传播（float64）得到的 δ 与五点差分 (−J(θ+2h) + 8·J(θ+h) − 8·J(θ−h) + J(θ−2h)) / 12h 比较，h = {1:g}</translation>
    </message>
    <message>
        <source>{0}: δ from the model&apos;s backward pass in float64 against the central difference (J(θ+h) − J(θ−h)) / 2h, h = {1:g} (ReLU: a tiny h stays off its kinks)</source>
        <translation>{0}：模型反向传播（float64）得到的 δ 与中心差分 (J(θ+h) − J(θ−h)) / 2h 比较，h = {1:g}（ReLU：很小的 h 避开其折点）</translation>
    </message>
    <message>
        <source>J has a kink here (a max-pooling tie or a ReLU at 0): the one-sided slopes differ, so no derivative exists.</source>
        <translation>J 在这里有折点（max-pooling 并列或 ReLU 在 0 处）：左右斜率不同，所以导数不存在。</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Viewing batch {0:,} of run “{1}” (snapshot {2} of {3})</source>
        <translation>正在查看运行“{1}”的第 {0:,} 批（快照 {2}/{3}）</translation>
    </message>
    <message>
        <source>— training goes on meanwhile</source>
        <translation>—— 训练仍在后台进行</translation>
    </message>
    <message>
        <source>Back to live (Alt+L)</source>
        <translation>回到实时（Alt+L）</translation>
    </message>
    <message>
        <source>Show the network as it is now</source>
        <translation>显示网络当前的样子</translation>
    </message>
    <message>
        <source>Shows the current weights again (training goes on while you look at the past).</source>
        <translation>重新显示当前的权值（查看过去时训练仍在继续）。</translation>
    </message>
    <message>
        <source>The panels show the network as it was after this many batches: its weights w and b were recorded then. The feature maps, kernels, δ heatmaps, the confusion matrix and the rest all use those weights. Training (if running) goes on; “Back to live” shows the current weights again.</source>
        <translation>各面板显示的是训练了这么多批之后的网络：那时记录下了它的权值 w 和偏差 b。特征图、卷积核、δ 热图、混淆矩阵等都使用这些权值。训练（若在进行）不受影响；“回到实时”重新显示当前的权值。</translation>
    </message>
    <message>
        <source>no timeline recorded</source>
        <translation>未记录时间线</translation>
    </message>
    <message>
        <source>live · {0} snapshots</source>
        <translation>实时 · {0} 个快照</translation>
    </message>
    <message>
        <source>batch {0:,} · {1}/{2}</source>
        <translation>第 {0:,} 批 · {1}/{2}</translation>
    </message>
    <message>
        <source>⏸ Pause</source>
        <translation>⏸ 暂停</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 回放</translation>
    </message>
    <message>
        <source>Replay the run from its first recorded snapshot, every panel moving together</source>
        <translation>从第一个记录的快照开始回放这次运行，所有面板同步变化</translation>
    </message>
    <message>
        <source> /s</source>
        <translation> 个/秒</translation>
    </message>
    <message>
        <source>Replay speed: snapshots per second</source>
        <translation>回放速度：每秒快照数</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <source>Timeline: the network after batch</source>
        <translation>时间轴：第几个批次之后的网络</translation>
    </message>
    <message>
        <source>Drag to see the network after any recorded batch (Alt+Left, Alt+Right, Alt+Home); the right end is the live network (Alt+L)</source>
        <translation>拖动以查看任一记录批次之后的网络（Alt+Left、Alt+Right、Alt+Home）；最右端是实时网络（Alt+L）</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Back to the live network (Alt+L)</source>
        <translation>回到实时网络（Alt+L）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save a panel over a range of the timeline as an animated GIF, an APNG or PNG frames</source>
        <translation>把某个面板在一段时间线上的变化保存为 GIF 动画、APNG 或 PNG 帧</translation>
    </message>
    <message>
        <source>Export the timeline as an animation</source>
        <translation>把时间线导出为动画</translation>
    </message>
    <message>
        <source>animated GIF</source>
        <translation>GIF 动画</translation>
    </message>
    <message>
        <source>animated PNG (APNG)</source>
        <translation>PNG 动画（APNG）</translation>
    </message>
    <message>
        <source>numbered PNG frames (a folder)</source>
        <translation>编号的 PNG 帧（一个文件夹）</translation>
    </message>
    <message>
        <source>Panel:</source>
        <translation>面板：</translation>
    </message>
    <message>
        <source>From batch:</source>
        <translation>起始批次：</translation>
    </message>
    <message>
        <source>To batch:</source>
        <translation>结束批次：</translation>
    </message>
    <message>
        <source>Frames per second:</source>
        <translation>每秒帧数：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>The panel drawn once for every recorded snapshot in the range.</source>
        <translation>对范围内每个记录的快照各绘制一次的面板。</translation>
    </message>
    <message>
        <source>The first and last batch of the range: the snapshots recorded after that many mini-batches of training (0: the initial random weights).</source>
        <translation>范围的起始和结束批次：训练了这么多个小批量之后记录的快照（0：随机初始权值）。</translation>
    </message>
    <message>
        <source>Frames (snapshots) per second of the animation.</source>
        <translation>动画每秒的帧（快照）数。</translation>
    </message>
    <message>
        <source>GIF plays everywhere (256 colours a frame); APNG keeps every colour; PNG frames are numbered files in a folder, one per snapshot.</source>
        <translation>GIF 到处都能播放（每帧 256 色）；APNG 保留全部颜色；PNG 帧是文件夹中的编号文件，每个快照一个。</translation>
    </message>
    <message>
        <source>No timeline</source>
        <translation>没有时间线</translation>
    </message>
    <message>
        <source>This run has no recorded timeline: train it to record one.</source>
        <translation>这次运行没有记录时间线：训练它即可记录。</translation>
    </message>
    <message>
        <source>{0} recorded snapshots in this range</source>
        <translation>此范围内有 {0} 个记录的快照</translation>
    </message>
    <message>
        <source>Folder for the frames</source>
        <translation>存放帧的文件夹</translation>
    </message>
    <message>
        <source>Save the animation</source>
        <translation>保存动画</translation>
    </message>
    <message>
        <source>Animations (*.gif *.png *.apng)</source>
        <translation>动画 (*.gif *.png *.apng)</translation>
    </message>
    <message>
        <source>Drawing the frames…</source>
        <translation>正在绘制各帧…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>batch {0:,}</source>
        <translation>第 {0:,} 批</translation>
    </message>
    <message>
        <source>Previous snapshot</source>
        <translation>上一个快照</translation>
    </message>
    <message>
        <source>Show the network one recorded snapshot earlier (Alt+Left)</source>
        <translation>显示早一个记录快照的网络（Alt+Left）</translation>
    </message>
    <message>
        <source>Next snapshot</source>
        <translation>下一个快照</translation>
    </message>
    <message>
        <source>Show the network one recorded snapshot later (Alt+Right)</source>
        <translation>显示晚一个记录快照的网络（Alt+Right）</translation>
    </message>
    <message>
        <source>First snapshot</source>
        <translation>第一个快照</translation>
    </message>
    <message>
        <source>Show the run&apos;s initial weights (Alt+Home)</source>
        <translation>显示这次运行的初始权值（Alt+Home）</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>回到实时</translation>
    </message>
    <message>
        <source>Show the live network again (Alt+L)</source>
        <translation>重新显示实时网络（Alt+L）</translation>
    </message>
    <message>
        <source>Every run records its weights as it trains (every batch at first, then more and more sparsely): moving through the timeline shows every panel as the network was at that batch, while training goes on.</source>
        <translation>每次训练运行都会在训练时记录它的权值（开始时每个批次都记录，之后越来越稀疏）：在时间线上移动，所有面板都会显示网络在该批次时的样子，同时训练继续进行。</translation>
    </message>
    <message>
        <source>Time&amp;line</source>
        <translation>时间线(&amp;L)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Export over the timeline (GIF, APNG, PNG frames)…</source>
        <translation>沿时间线导出（GIF、APNG、PNG 帧）…</translation>
    </message>
</context>
<context>
    <name>WhatsThis</name>
    <message>
        <source>Progress of this panel&apos;s background job. It runs outside the window&apos;s thread, so every panel keeps drawing meanwhile.</source>
        <translation>本面板后台任务的进度。任务在窗口线程之外运行，所以各面板在此期间照常绘制。</translation>
    </message>
    <message>
        <source>Stop this panel&apos;s background job. What the panel shows stays the result of the last finished job.</source>
        <translation>停止本面板的后台任务。面板上显示的仍是上一次完成的任务的结果。</translation>
    </message>
    <message>
        <source>A named model configuration. &quot;course&quot; is the course&apos;s LeNet-5 (f = 1.7159·tanh(2u/3), max-pooling in S2 and S4, C3 with Table 1, F7 linear into the softmax); &quot;course, f at F7&quot; applies f at F7 as the course writes it; &quot;LeNet-5 1998&quot; uses the paper&apos;s trainable sub-sampling a·Σ + b.</source>
        <translation>命名的模型配置。“课程”即课程中的 LeNet-5（f = 1.7159·tanh(2u/3)，S2 和 S4 用 max-pooling，C3 用表 1，F7 线性地接入 softmax）；“课程，F7 带 f”按课程原文在 F7 施加 f；“LeNet-5 1998”使用论文中可训练的下采样 a·Σ + b。</translation>
    </message>
    <message>
        <source>The activation function f of every layer&apos;s neurons, y = f(Σ w·x + b) (course: 神经元 Neuron 基本概念). Backpropagation multiplies δ by f′(u) at each layer: the sigmoid&apos;s f′ ≤ ¼ makes δ vanish on the way down to C1.</source>
        <translation>各层神经元的激活函数 f，y = f(Σ w·x + b)（课程：神经元 Neuron 基本概念）。反向传播在每一层把 δ 乘以 f′(u)：sigmoid 的 f′ ≤ ¼ 使 δ 在传回 C1 的途中逐层消失。</translation>
    </message>
    <message>
        <source>How S2 and S4 sub-sample each 2×2 window: max-pooling (the course&apos;s choice: s2 = max of the window, and δ goes back through the mask msk1/msk3 to its first maximum), mean-pooling (¼·Σ), or LeNet 1998&apos;s trainable f(a·Σ + b).</source>
        <translation>S2 和 S4 如何对每个 2×2 窗口下采样：max-pooling（课程的选择：s2 取窗口最大值，δ 经掩膜矩阵 msk1/msk3 传回窗口中第一个最大值处）、mean-pooling 平均池化（¼·Σ），或 LeNet 1998 的可训练形式 f(a·Σ + b)。</translation>
    </message>
    <message>
        <source>Which S2 maps each C3 map reads: the course&apos;s Table 1 (60 of the 96 pairs; w3⁽ᵏ˒ᵐ⁾ = 0 for (k, m) ∉ Cbn, 1,516 parameters) or all 96 pairs (2,416 parameters). Course: Layer C3.</source>
        <translation>每个 C3 特征图读取哪些 S2 特征图：课程的表 1（96 对中的 60 对；(k, m) ∉ Cbn 时 w3⁽ᵏ˒ᵐ⁾ = 0，共 1,516 个参数），或全部 96 对（2,416 个参数）。课程：Layer C3。</translation>
    </message>
    <message>
        <source>Apply f at F7 before the softmax, f7 = f(u_f7), literally as the course writes it. Off by default: a bounded f caps the softmax output at y ≤ 0.775, so J ≥ 0.255 even for a perfect answer, and the gradient never stops pushing.</source>
        <translation>在 softmax 之前对 F7 施加 f，f7 = f(u_f7)，与课程原文一致。默认关闭：有界的 f 把 softmax 输出限制在 y ≤ 0.775，即使回答完全正确 J 也 ≥ 0.255，梯度永远不会停止推动。</translation>
    </message>
    <message>
        <source>The learning rate α (学习速率) of the update rule θ := θ − α·∂J/∂θ (course: Gradient Descent 梯度下降算法). It takes effect at once; the warm-up and the schedule scale it during a run.</source>
        <translation>学习公式 θ := θ − α·∂J/∂θ 中的学习速率 α（课程：Gradient Descent 梯度下降算法）。修改立即生效；训练过程中预热和学习速率调度会对它进行缩放。</translation>
    </message>
    <message>
        <source>The momentum μ of the update: v := μ·v − α·∂J/∂θ, θ := θ + v. Not in the course, whose plain gradient descent is μ = 0; it takes effect at once.</source>
        <translation>更新的动量 μ：v := μ·v − α·∂J/∂θ，θ := θ + v。课程中没有动量，其普通梯度下降即 μ = 0；修改立即生效。</translation>
    </message>
    <message>
        <source>Images per mini-batch. The course&apos;s J is per sample; training averages J over a mini-batch, so each update uses the batch&apos;s mean δ(θ). Applies to the next run.</source>
        <translation>每个小批量的图片数。课程中的 J 按单个样本定义；训练时对小批量取 J 的平均，所以每次更新使用该批的平均 δ(θ)。下一次训练生效。</translation>
    </message>
    <message>
        <source>How many passes over the training images a run makes. Applies to the next run.</source>
        <translation>一次训练运行遍历训练图片的轮数。下一次训练生效。</translation>
    </message>
    <message>
        <source>Random affine moves and elastic distortions of the training images, so the network sees more varied digits (not in the course). Applies to the next run.</source>
        <translation>对训练图片做随机仿射移动和弹性形变，让网络见到更多样的数字（课程中没有）。下一次训练生效。</translation>
    </message>
    <message>
        <source>Training minimises J + λ/2·Σw²: each step also takes α·λ·w off every weight w, which keeps the weights small. The stepper&apos;s update shows the course&apos;s plain θ := θ − α·∂J/∂θ.</source>
        <translation>训练最小化 J + λ/2·Σw²：每一步还从每个权值 w 减去 α·λ·w，使权值保持较小。逐步演示的更新步骤显示的是课程中朴素的 θ := θ − α·∂J/∂θ。</translation>
    </message>
    <message>
        <source>INPUT: the probe sample as the network reads it, 32×32 (MNIST&apos;s 28×28 padded by 2), background −0.1 and ink 1.175 (course: Layer INPUT). The colour bar gives each colour&apos;s value; hover a pixel for xᵢⱼ.</source>
        <translation>输入层：网络读到的探针样本，32×32（MNIST 的 28×28 四周各填充 2），背景 −0.1，笔迹 1.175（课程：Layer INPUT）。色标给出每种颜色对应的数值；鼠标悬停在像素上可读出 xᵢⱼ。</translation>
    </message>
    <message>
        <source>C1&apos;s 6 feature maps (特征图) of 28×28, c1⁽ᵏ⁾ᵢⱼ = f(Σᵤᵥ w1⁽ᵏ⁾ᵤᵥ·x₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎ + b1⁽ᵏ⁾): one 5×5 kernel slid over the input per map (course: Layer C1). The colour bar spans f&apos;s range; hover for a value, click a map to enlarge it.</source>
        <translation>C1 的 6 个 28×28 特征图，c1⁽ᵏ⁾ᵢⱼ = f(Σᵤᵥ w1⁽ᵏ⁾ᵤᵥ·x₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎ + b1⁽ᵏ⁾)：每个特征图由一个 5×5 卷积核在输入上滑动得到（课程：Layer C1）。色标覆盖 f 的取值范围；悬停读取数值，点击特征图可放大。</translation>
    </message>
    <message>
        <source>S2&apos;s 6 maps of 14×14: each value sub-samples (下采样) a 2×2 window of C1, s2⁽ᵏ⁾ᵢⱼ = max{c1⁽ᵏ⁾₂ᵢ₊ᵤ,₂ⱼ₊ᵥ} with max-pooling (course: Layer S2). The colour bar gives the values; click a map to enlarge it.</source>
        <translation>S2 的 6 个 14×14 特征图：每个值对 C1 的一个 2×2 窗口下采样，采用 max-pooling 时 s2⁽ᵏ⁾ᵢⱼ = max{c1⁽ᵏ⁾₂ᵢ₊ᵤ,₂ⱼ₊ᵥ}（课程：Layer S2）。色标给出数值；点击特征图可放大。</translation>
    </message>
    <message>
        <source>C3&apos;s 16 maps of 10×10: map m sums 5×5 convolutions of the S2 maps k that Table 1 connects to it, c3⁽ᵐ⁾ᵢⱼ = f(Σₖ Σᵤᵥ w3⁽ᵏ˒ᵐ⁾ᵤᵥ·s2⁽ᵏ⁾₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎ + b3⁽ᵐ⁾) (course: Layer C3). Hover for a value, click a map to enlarge it.</source>
        <translation>C3 的 16 个 10×10 特征图：第 m 个特征图对表 1 中与之连接的 S2 特征图 k 做 5×5 卷积并求和，c3⁽ᵐ⁾ᵢⱼ = f(Σₖ Σᵤᵥ w3⁽ᵏ˒ᵐ⁾ᵤᵥ·s2⁽ᵏ⁾₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎ + b3⁽ᵐ⁾)（课程：Layer C3）。悬停读取数值，点击特征图可放大。</translation>
    </message>
    <message>
        <source>S4&apos;s 16 maps of 5×5: the 2×2 windows of C3 sub-sampled, s4⁽ᵏ⁾ᵢⱼ = max{c3⁽ᵏ⁾₂ᵢ₊ᵤ,₂ⱼ₊ᵥ} with max-pooling (course: Layer S4). The colour bar gives the values.</source>
        <translation>S4 的 16 个 5×5 特征图：对 C3 的 2×2 窗口下采样，采用 max-pooling 时 s4⁽ᵏ⁾ᵢⱼ = max{c3⁽ᵏ⁾₂ᵢ₊ᵤ,₂ⱼ₊ᵥ}（课程：Layer S4）。色标给出数值。</translation>
    </message>
    <message>
        <source>C5&apos;s 120 outputs c5⁽ˡ⁾₀₀: each map is 1×1, a 5×5 convolution over all 16 S4 maps (course: Layer C5). Drawn as a 10×12 grid, unit l = 12·row + column; hover for the unit and its value.</source>
        <translation>C5 的 120 个输出 c5⁽ˡ⁾₀₀：每个特征图是 1×1，是对全部 16 个 S4 特征图的 5×5 卷积（课程：Layer C5）。画成 10×12 的网格，单元 l = 12·行 + 列；悬停可读出单元及其数值。</translation>
    </message>
    <message>
        <source>F6&apos;s 84 outputs f6ᵢ = f(Σⱼ w6ᵢⱼ·c5⁽ʲ⁾₀₀ + b6ᵢ), fully connected to C5 (course: Layer F6). Drawn as a 7×12 grid, unit i = 12·row + column.</source>
        <translation>F6 的 84 个输出 f6ᵢ = f(Σⱼ w6ᵢⱼ·c5⁽ʲ⁾₀₀ + b6ᵢ)，与 C5 全连接（课程：Layer F6）。画成 7×12 的网格，单元 i = 12·行 + 列。</translation>
    </message>
    <message>
        <source>F7&apos;s 10 outputs, the softmax input: f7ᵢ = Σⱼ w7ᵢⱼ·f6ⱼ + b7ᵢ, with f applied only when &quot;f at F7&quot; is on (course: Layer F7). x axis: the digit i = 0…9; y axis: f7ᵢ.</source>
        <translation>F7 的 10 个输出，即 softmax 的输入：f7ᵢ = Σⱼ w7ᵢⱼ·f6ⱼ + b7ᵢ，只有开启“F7 带 f”时才施加 f（课程：Layer F7）。横轴：数字 i = 0…9；纵轴：f7ᵢ。</translation>
    </message>
    <message>
        <source>The softmax output yᵢ = e^f7ᵢ / Σⱼ e^f7ⱼ, the probability of each digit, summing to 1 (course: Layer Softmax). x axis: the digit; y axis: yᵢ from 0 to 1. Orange: the answer argmax y; black frame: the label z.</source>
        <translation>softmax 输出 yᵢ = e^f7ᵢ / Σⱼ e^f7ⱼ，即每个数字的概率，总和为 1（课程：Layer Softmax）。横轴：数字；纵轴：yᵢ，从 0 到 1。橙色：回答 argmax y；黑框：标签 z。</translation>
    </message>
    <message>
        <source>C1&apos;s six 5×5 kernels (卷积核) w1⁽ᵏ⁾ᵤᵥ, u, v = −2…2, each shared by all 28×28 positions of its feature map (共享权值; course: Layer C1). Diverging colours with symmetric levels: white is 0, the colour bar gives the values; click to enlarge.</source>
        <translation>C1 的 6 个 5×5 卷积核 w1⁽ᵏ⁾ᵤᵥ，u, v = −2…2，每个卷积核被其特征图的全部 28×28 个位置共享（共享权值；课程：Layer C1）。发散色图、对称范围：白色为 0，色标给出数值；点击可放大。</translation>
    </message>
    <message>
        <source>C3&apos;s kernels w3⁽ᵏ˒ᵐ⁾ laid out as Table 1: rows S2 map k = 0…5, columns C3 map m = 0…15. Hatched grey: the pair is not connected ((k, m) ∉ Cbn), so w3 = 0 and stays 0. White is 0; the colour bar gives the values.</source>
        <translation>C3 的卷积核 w3⁽ᵏ˒ᵐ⁾ 按表 1 排列：行为 S2 特征图 k = 0…5，列为 C3 特征图 m = 0…15。灰色斜线：这一对没有连接（(k, m) ∉ Cbn），所以 w3 = 0 并始终为 0。白色为 0；色标给出数值。</translation>
    </message>
    <message>
        <source>C5&apos;s kernels w5⁽ᵐ˒ˡ⁾ᵤᵥ: one block per S4 map m = 0…15; in a block, rows are the C5 units l = 0…119 and columns the 25 kernel elements (u, v), row by row (course: Layer C5, 48,120 parameters). White is 0.</source>
        <translation>C5 的卷积核 w5⁽ᵐ˒ˡ⁾ᵤᵥ：每个 S4 特征图 m = 0…15 一块；块内各行是 C5 单元 l = 0…119，各列是 25 个卷积核元素 (u, v)，逐行排列（课程：Layer C5，48,120 个参数）。白色为 0。</translation>
    </message>
    <message>
        <source>F6&apos;s weight matrix w6ᵢⱼ, 84×120: row i is F6 unit i, column j the C5 output it multiplies (course: Layer F6, 10,164 parameters with the biases). White is 0; the colour bar gives the values.</source>
        <translation>F6 的权值矩阵 w6ᵢⱼ，84×120：第 i 行是 F6 单元 i，第 j 列是它所乘的 C5 输出（课程：Layer F6，含偏差共 10,164 个参数）。白色为 0；色标给出数值。</translation>
    </message>
    <message>
        <source>F7&apos;s weight matrix w7ᵢⱼ, 10×84: row i is digit i&apos;s F7 unit, column j the F6 output it multiplies (course: Layer F7, 850 parameters with the biases). White is 0.</source>
        <translation>F7 的权值矩阵 w7ᵢⱼ，10×84：第 i 行是数字 i 的 F7 单元，第 j 列是它所乘的 F6 输出（课程：Layer F7，含偏差共 850 个参数）。白色为 0。</translation>
    </message>
    <message>
        <source>δ(u) of C1, the input sensitivity (输入敏感值) of every C1 unit: δ(u_c1) = δ(c1)·f′(u_c1), where δ(c1) = msk1·δ(s2) comes back from S2 through the mask (course: Gradient in Layer S2, Layer C1). Diverging colours, white 0; the levels are ± the 99th percentile of |δ|.</source>
        <translation>C1 的 δ(u)，即每个 C1 单元的输入敏感值：δ(u_c1) = δ(c1)·f′(u_c1)，其中 δ(c1) = msk1·δ(s2) 经掩膜矩阵从 S2 传回（课程：Gradient in Layer S2、Layer C1）。发散色图，白色为 0；范围为 |δ| 的第 99 百分位数的 ±。</translation>
    </message>
    <message>
        <source>δ(u) of C3: δ(u_c3) = δ(c3)·f′(u_c3), where δ(c3) = msk3·δ(s4) comes back from S4 through the mask (course: Gradient in Layer S4, Layer C3). White is 0; the colour bar&apos;s levels are ± the 99th percentile of |δ|.</source>
        <translation>C3 的 δ(u)：δ(u_c3) = δ(c3)·f′(u_c3)，其中 δ(c3) = msk3·δ(s4) 经掩膜矩阵从 S4 传回（课程：Gradient in Layer S4、Layer C3）。白色为 0；色标范围为 |δ| 的第 99 百分位数的 ±。</translation>
    </message>
    <message>
        <source>δ(u) of C5&apos;s 120 units as a 10×12 grid: δ(u_c5) = δ(c5)·f′(u_c5), with δ(c5⁽ʲ⁾₀₀) = Σᵢ δ(u_f6ᵢ)·w6ᵢⱼ (course: Gradient in Layer F6, Layer C5). White is 0.</source>
        <translation>C5 的 120 个单元的 δ(u)，画成 10×12 网格：δ(u_c5) = δ(c5)·f′(u_c5)，其中 δ(c5⁽ʲ⁾₀₀) = Σᵢ δ(u_f6ᵢ)·w6ᵢⱼ（课程：Gradient in Layer F6、Layer C5）。白色为 0。</translation>
    </message>
    <message>
        <source>δ(u) of F6&apos;s 84 units as a 7×12 grid: δ(u_f6ᵢ) = δ(f6ᵢ)·f′(u_f6ᵢ), with δ(f6ⱼ) = Σᵢ δ(u_f7ᵢ)·w7ᵢⱼ (course: Gradient in Layer F7, Layer F6). White is 0.</source>
        <translation>F6 的 84 个单元的 δ(u)，画成 7×12 网格：δ(u_f6ᵢ) = δ(f6ᵢ)·f′(u_f6ᵢ)，其中 δ(f6ⱼ) = Σᵢ δ(u_f7ᵢ)·w7ᵢⱼ（课程：Gradient in Layer F7、Layer F6）。白色为 0。</translation>
    </message>
    <message>
        <source>δ(u) of F7&apos;s 10 units: δ(f7ᵢ) = −(zᵢ − yᵢ) from the softmax, times f′(u_f7ᵢ) only when f is applied at F7 (course: Gradient in Softmax Net, Layer F7). x axis: the digit i; y axis: δ(u_f7ᵢ), negative for the label, positive for the others.</source>
        <translation>F7 的 10 个单元的 δ(u)：来自 softmax 的 δ(f7ᵢ) = −(zᵢ − yᵢ)，只有在 F7 施加 f 时才再乘以 f′(u_f7ᵢ)（课程：Gradient in Softmax Net、Layer F7）。横轴：数字 i；纵轴：δ(u_f7ᵢ)，标签处为负，其余为正。</translation>
    </message>
    <message>
        <source>δ(w) of C1&apos;s kernels, the weight sensitivity (权值敏感值): δ(w1⁽ᵏ⁾ᵤᵥ) = Σᵢⱼ δ(u_c1⁽ᵏ⁾ᵢⱼ)·x₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎, summed over the 784 positions that share the kernel (course: Gradient in Layer C1). The update moves w1 by −α times it.</source>
        <translation>C1 卷积核的 δ(w)，即权值敏感值：δ(w1⁽ᵏ⁾ᵤᵥ) = Σᵢⱼ δ(u_c1⁽ᵏ⁾ᵢⱼ)·x₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎，对共享该卷积核的 784 个位置求和（课程：Gradient in Layer C1）。更新时 w1 移动它的 −α 倍。</translation>
    </message>
    <message>
        <source>δ(w) of C3&apos;s kernels laid out as Table 1 (rows S2 map k, columns C3 map m): δ(w3⁽ᵏ˒ᵐ⁾ᵤᵥ) = Σᵢⱼ δ(u_c3⁽ᵐ⁾ᵢⱼ)·s2⁽ᵏ⁾₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎. Hatched pairs are outside Cbn, where δ(w3) = 0 (course: Gradient in Layer C3).</source>
        <translation>C3 卷积核的 δ(w)，按表 1 排列（行为 S2 特征图 k，列为 C3 特征图 m）：δ(w3⁽ᵏ˒ᵐ⁾ᵤᵥ) = Σᵢⱼ δ(u_c3⁽ᵐ⁾ᵢⱼ)·s2⁽ᵏ⁾₍ᵢ₊₂₊ᵤ,ⱼ₊₂₊ᵥ₎。灰色斜线的一对不在 Cbn 中，那里 δ(w3) = 0（课程：Gradient in Layer C3）。</translation>
    </message>
    <message>
        <source>Layer health: the size ‖δ(w)‖ of each layer&apos;s weight gradient at every training step, one line per layer. x axis: the training step; y axis: ‖δ(w)‖ on a log scale. Lines sinking by decades toward C1 mean a vanishing gradient, steep climbs an exploding one.</source>
        <translation>层的健康状况：每个训练步中各层权值梯度的大小 ‖δ(w)‖，每层一条曲线。横轴：训练步；纵轴：‖δ(w)‖，对数坐标。曲线朝 C1 方向成数量级下沉表示梯度消失，陡升表示梯度爆炸。</translation>
    </message>
    <message>
        <source>Which sample&apos;s δ the panel shows. The hardest test image: of the first {n} test images, the one with the highest J for the current weights, chosen again every few seconds while training (a learned image has δ ≈ 0 and shows nothing). The probe: the sample of the toolbar and the other panels.</source>
        <translation>本面板显示哪个样本的 δ。最难的测试图片：前 {n} 张测试图片中，在当前权值下 J 最大的一张，训练时每隔几秒重新选择（已学会的图片 δ ≈ 0，什么也看不到）。探针样本：工具栏和其他面板所用的样本。</translation>
    </message>
    <message>
        <source>Per frame: each map&apos;s colours span ± the 99th percentile of its |δ| in this frame, so every frame fills the colours (read the size on the colour bar). Per layer, tracked: each layer keeps its levels from frame to frame (they widen at once and shrink slowly), so the colours compare across frames.</source>
        <translation>每帧：每个特征图的颜色覆盖本帧 |δ| 的 ± 第 99 百分位数，因此每一帧都用满颜色（大小请看色标）。每层，跟踪：每层的颜色范围在帧与帧之间保持（立即变宽、缓慢收窄），因此颜色可以跨帧比较。</translation>
    </message>
    <message>
        <source>The sample whose sensitivities δ = ∂J/∂(·) are drawn, its label z and its cost J = −log y_z.</source>
        <translation>所画敏感值 δ = ∂J/∂(·) 的样本、它的标签 z 和代价 J = −log y_z。</translation>
    </message>
    <message>
        <source>Draw the loss axis on a logarithmic scale: late in training J falls by decades, which a linear axis flattens into a line at 0.</source>
        <translation>用对数坐标画代价轴：训练后期 J 成数量级下降，线性坐标会把它压成贴近 0 的一条线。</translation>
    </message>
    <message>
        <source>Forget the curves drawn so far. The run and its weights stay.</source>
        <translation>清除目前画出的曲线。训练运行及其权值保持不变。</translation>
    </message>
    <message>
        <source>Left: the cost J = −Σᵢ zᵢ·log yᵢ (cross entropy, 交叉熵; course: Cross Entropy Loss Function) of every mini-batch, raw and smoothed, with the test subset (dots) and the whole test set (squares). Right: the accuracy in %. x axes: the batch; y axes: J and the accuracy. Hover to read the values.</source>
        <translation>左：每个小批量的代价函数 J = −Σᵢ zᵢ·log yᵢ（交叉熵；课程：Cross Entropy Loss Function），原始值和平滑值，以及测试子集（圆点）和整个测试集（方块）上的值。右：准确率（%）。横轴：批次；纵轴：J 和准确率。悬停可读取数值。</translation>
    </message>
    <message>
        <source>The canvas, 280×280 (ten times MNIST&apos;s 28×28): draw a digit with the left button, erase with the right. The drawing is cropped, fitted into 20×20, centred by its centre of mass and padded to the 32×32 input x, as MNIST was made (course: Layer INPUT).</source>
        <translation>画板，280×280（MNIST 的 28×28 的十倍）：用左键写数字，用右键擦除。手写的数字会被裁剪、缩放到 20×20、按质心居中并填充成 32×32 的输入 x，与 MNIST 的制作方式相同（课程：Layer INPUT）。</translation>
    </message>
    <message>
        <source>Pen: the left button draws ink (the right button always erases).</source>
        <translation>画笔：左键画出笔迹（右键始终是擦除）。</translation>
    </message>
    <message>
        <source>Eraser: the left button rubs ink out.</source>
        <translation>橡皮：左键擦去笔迹。</translation>
    </message>
    <message>
        <source>The brush width in canvas pixels; ten canvas pixels make one pixel of the 28×28 image.</source>
        <translation>笔刷宽度，以画板像素计；十个画板像素相当于 28×28 图像的一个像素。</translation>
    </message>
    <message>
        <source>Undo the last stroke (Ctrl+Z).</source>
        <translation>撤销最后一笔（Ctrl+Z）。</translation>
    </message>
    <message>
        <source>Wipe the canvas.</source>
        <translation>清空画板。</translation>
    </message>
    <message>
        <source>Put a PNG or JPEG picture of a digit on the canvas (light on dark or dark on light); it goes through the same preprocessing as a drawing.</source>
        <translation>把一张数字的 PNG 或 JPEG 图片放到画板上（深底浅字或浅底深字均可）；它与手写数字经过同样的预处理。</translation>
    </message>
    <message>
        <source>Classify while the stroke is being drawn, up to 10 times a second, instead of when it ends.</source>
        <translation>边写边识别，每秒最多 10 次，而不是等一笔写完再识别。</translation>
    </message>
    <message>
        <source>Make the drawing the probe sample: the feature maps, the δ heatmaps and the stepper then show what every layer makes of it.</source>
        <translation>把手写数字设为探针样本：特征图、δ 敏感值热图和反向传播逐步演示随即显示每一层对它的处理结果。</translation>
    </message>
    <message>
        <source>The softmax output y for the drawing: one bar per digit 0…9, yᵢ = e^f7ᵢ / Σⱼ e^f7ⱼ, summing to 100 %. The answer is argmax y (course: LeNet-5 运行方式), drawn in the accent colour.</source>
        <translation>手写数字的 softmax 输出 y：每个数字 0…9 一根条，yᵢ = e^f7ᵢ / Σⱼ e^f7ⱼ，总和为 100 %。回答是 argmax y（课程：LeNet-5 运行方式），用强调色显示。</translation>
    </message>
    <message>
        <source>One preprocessing stage of the drawing, left to right: as drawn, cropped to its ink, fitted into 20×20, centred by its centre of mass in 28×28, and the network input x: 32×32, background −0.1, ink 1.175 (course: Layer INPUT).</source>
        <translation>手写数字的一个预处理阶段，从左到右：原始手写、裁剪到笔迹范围、缩放到 20×20、在 28×28 中按质心居中，以及网络输入 x：32×32，背景 −0.1，笔迹 1.175（课程：Layer INPUT）。</translation>
    </message>
    <message>
        <source>The digit you drew, as you say it: the label it is kept under in My digits. Keys 0–9 on the canvas choose it and add the drawing at once.</source>
        <translation>你写的是哪个数字，由你来说：它在“我的数字”中保存时的标签。在画布上按 0–9 键即选定标签并立即加入这幅画。</translation>
    </message>
    <message>
        <source>Keep the drawing in My digits, your own data set (one PNG per digit, folders 0…9 in your data folder), as the 28×28 image the network reads after cropping, fitting and centring. The Data explorer shows them; the network can be evaluated and fine-tuned on them.</source>
        <translation>把这幅画存入“我的数字”——你自己的数据集（每个数字一个 PNG，位于数据文件夹中的 0…9 子文件夹），保存为裁剪、缩放、居中之后网络读取的 28×28 图像。数据浏览器会显示它们；网络可以在它们上评估和微调。</translation>
    </message>
    <message>
        <source>Take the last added digit out of My digits again.</source>
        <translation>把最后加入的数字从“我的数字”中再取出来。</translation>
    </message>
    <message>
        <source>Makes the drawing the probe sample x and opens the Explain panel: which pixels make y of the answer large (saliency, occlusion) and how small a change of x makes the network say another digit.</source>
        <translation>把手写数字设为探针样本 x 并打开“解释”面板：哪些像素使答案的 y 变大（显著图、遮挡），以及 x 要改变多小才能让网络说成另一个数字。</translation>
    </message>
    <message>
        <source>LeNet-5 as the course&apos;s Figure 1: INPUT 32×32 → C1 6@28×28 → S2 6@14×14 → C3 16@10×10 → S4 16@5×5 → C5 120 → F6 84 → F7 10 → softmax y. Click a layer to select it in every panel.</source>
        <translation>课程图 1 中的 LeNet-5：INPUT 32×32 → C1 6@28×28 → S2 6@14×14 → C3 16@10×10 → S4 16@5×5 → C5 120 → F6 84 → F7 10 → softmax y。点击某一层即在所有面板中选中它。</translation>
    </message>
    <message>
        <source>The trainable parameters (可训练参数) and connections of every layer, counted as the course counts them: C1 156 / 122,304, C3 1,516 / 151,600, C5 48,120, F6 10,164, F7 850. Click a row to select that layer in every panel.</source>
        <translation>每一层的可训练参数和连接数，按课程的算法计数：C1 156 / 122,304，C3 1,516 / 151,600，C5 48,120，F6 10,164，F7 850。点击某一行即在所有面板中选中该层。</translation>
    </message>
    <message>
        <source>The course&apos;s Table 1: rows S2 map k, columns C3 map m; X: C3 map m reads S2 map k (the set Cbn, 60 of the 96 pairs). The course&apos;s written Cbn list repeats (5,14) and lacks (5,13); the table is the authority.</source>
        <translation>课程的表 1：行为 S2 特征图 k，列为 C3 特征图 m；X 表示 C3 特征图 m 读取 S2 特征图 k（即集合 Cbn，96 对中的 60 对）。课程中写出的 Cbn 列表把 (5,14) 写了两次而缺少 (5,13)；以表为准。</translation>
    </message>
    <message>
        <source>The test image whose backpropagation is shown, by its index in the test set.</source>
        <translation>要演示反向传播的测试图片，按它在测试集中的序号。</translation>
    </message>
    <message>
        <source>Pick a random test image.</source>
        <translation>随机选一张测试图片。</translation>
    </message>
    <message>
        <source>Follow the probe sample of the other panels: a test image or the canvas drawing.</source>
        <translation>跟随其他面板的探针样本：一张测试图片或画板上的手写数字。</translation>
    </message>
    <message>
        <source>The label z of the sample, the one-hot target in J = −Σᵢ zᵢ·log yᵢ. Choose another digit to see δ(f7) = −(z − y) and every δ below it change.</source>
        <translation>样本的标签 z，即 J = −Σᵢ zᵢ·log yᵢ 中的独热（只有一个 1）目标向量。换一个数字，可以看到 δ(f7) = −(z − y) 以及其下的每个 δ 如何变化。</translation>
    </message>
    <message>
        <source>Re-read the current weights: a walk in progress keeps the weights it started with until you press this.</source>
        <translation>重新读取当前权值：进行中的演示会一直使用它开始时的权值，直到按下此按钮。</translation>
    </message>
    <message>
        <source>Go to the first step, the forward pass (Home).</source>
        <translation>跳到第一步，即前向传播（Home）。</translation>
    </message>
    <message>
        <source>Go back one step (←).</source>
        <translation>后退一步（←）。</translation>
    </message>
    <message>
        <source>Go to the next step (→), in the course&apos;s order: forward pass, softmax, F7, F6, C5, S4, C3, S2, C1, then the update.</source>
        <translation>前进到下一步（→），按课程的顺序：前向传播、softmax、F7、F6、C5、S4、C3、S2、C1，最后是更新。</translation>
    </message>
    <message>
        <source>Go to the last step, the update θ := θ − α·δ(θ) (End).</source>
        <translation>跳到最后一步，即更新 θ := θ − α·δ(θ)（End）。</translation>
    </message>
    <message>
        <source>Play the steps one after another, at the speed set beside it.</source>
        <translation>按旁边设定的速度逐步自动播放。</translation>
    </message>
    <message>
        <source>Seconds per step while playing.</source>
        <translation>播放时每一步的秒数。</translation>
    </message>
    <message>
        <source>Where the step is: INPUT → C1 → … → F7 → y, J. The current layer is highlighted; the arrows point the way the pass goes, forward or backward.</source>
        <translation>当前步骤所在的位置：INPUT → C1 → … → F7 → y, J。当前层高亮显示；箭头指向传播的方向，前向或反向。</translation>
    </message>
    <message>
        <source>A quantity of this step, named above it, as a heatmap: weights and δ on diverging colours (white 0, saturating beyond the 99th percentile of |values|), activations on viridis; the colour bar gives the values. Click an entry to list the terms of its sum.</source>
        <translation>本步骤的一个量（名称在上方），画成热图：权值和 δ 用发散色图（白色为 0，超过 |数值| 的第 99 百分位数即饱和），激活值用 viridis；色标给出数值。点击一个元素可列出它的求和项。</translation>
    </message>
    <message>
        <source>The terms of the clicked entry&apos;s sum, e.g. δ(f6ⱼ) = Σᵢ δ(u_f7ᵢ)·w7ᵢⱼ (并行多链): each term&apos;s value and factors, the largest first. On the update step: the parameters before and after θ := θ − α·δ(θ).</source>
        <translation>所点击元素的求和项，例如 δ(f6ⱼ) = Σᵢ δ(u_f7ᵢ)·w7ᵢⱼ（并行多链）：每一项的值和因子，最大的在前。在更新步骤中：参数在 θ := θ − α·δ(θ) 前后的值。</translation>
    </message>
    <message>
        <source>The learning rate α of this update step, θ := θ − α·δ(θ) (course: Gradient Descent 梯度下降算法). It changes only this demonstration, not the training.</source>
        <translation>本更新步骤 θ := θ − α·δ(θ) 中的学习速率 α（课程：Gradient Descent 梯度下降算法）。它只影响这里的演示，不影响训练。</translation>
    </message>
    <message>
        <source>Check the selected entry against a finite difference of J, computed in float64 on the same sample: backpropagation and the numerical derivative should agree to many digits.</source>
        <translation>用 float64 在同一样本上计算 J 的有限差分，检验所选元素：反向传播的结果与数值导数应当在很多位上一致。</translation>
    </message>
    <message>
        <source>Notes on this step: what the formulas alone do not say.</source>
        <translation>本步骤的说明：公式本身没有说出的内容。</translation>
    </message>
    <message>
        <source>Classify the 10,000 test images with the current weights and fill the matrix; the answer is argmax y (course: LeNet-5 运行方式).</source>
        <translation>用当前权值对 10,000 张测试图片分类并填写矩阵；回答是 argmax y（课程：LeNet-5 运行方式）。</translation>
    </message>
    <message>
        <source>What to evaluate on: MNIST&apos;s 10,000 test images, or My digits, the digits you drew and kept (Add to my digits on the canvas).</source>
        <translation>在哪些图像上评估：MNIST 的 10,000 张测试图像，或“我的数字”——你画下并保存的数字（画布上的“加入我的数字”）。</translation>
    </message>
    <message>
        <source>The order of a cell&apos;s images in the gallery: the most confident first, the least confident first, or test-set order.</source>
        <translation>格子中图片在图库里的顺序：置信度最高的在前、置信度最低的在前，或测试集顺序。</translation>
    </message>
    <message>
        <source>Show every wrong answer in the gallery, the most confident mistakes first.</source>
        <translation>在图库中显示所有错误的回答，置信度最高的错误在前。</translation>
    </message>
    <message>
        <source>The next most confident mistake: selects its cell and image, and makes it the probe sample.</source>
        <translation>下一个置信度最高的错误：选中它的格子和图片，并把它设为探针样本。</translation>
    </message>
    <message>
        <source>The test images of the chosen cell, each captioned &quot;true → predicted&quot; with the confidence max y; red captions are mistakes. Click one to make it the probe sample.</source>
        <translation>所选格子中的测试图片，每张标注“真实 → 预测”及置信度 max y；红色标注表示错误。点击一张可设为探针样本。</translation>
    </message>
    <message>
        <source>The confusion matrix: y axis the true digit, x axis the predicted one; each cell counts test images, coloured on a log scale (the colour bar), so the mistakes show beside the large diagonal. Right column: accuracy per class; bottom row: precision. Click a cell to see its images.</source>
        <translation>混淆矩阵：纵轴为真实数字，横轴为预测数字；每个格子是测试图片的数量，按对数刻度着色（见色标），使错误在大的对角线旁也能看清。右列：每类的准确率；底行：精确率。点击格子可查看其中的图片。</translation>
    </message>
    <message>
        <source>Which set to explore: the 10,000 MNIST test or the 60,000 training images (course: MNIST 手写数字数据集), or My digits, the digits you drew and kept (or a folder you opened).</source>
        <translation>浏览哪个数据集：MNIST 的 10,000 张测试图像或 60,000 张训练图像（课程：MNIST 手写数字数据集），或“我的数字”——你画下并保存的数字（或你打开的文件夹）。</translation>
    </message>
    <message>
        <source>The digit whose images are listed.</source>
        <translation>要列出其图片的数字。</translation>
    </message>
    <message>
        <source>The previous page of images.</source>
        <translation>上一页图片。</translation>
    </message>
    <message>
        <source>The next page of images.</source>
        <translation>下一页图片。</translation>
    </message>
    <message>
        <source>Make the selected image the probe sample of the other panels.</source>
        <translation>把选中的图片设为其他面板的探针样本。</translation>
    </message>
    <message>
        <source>Images per class: x axis the digit 0…9, y axis how many images of it the chosen set holds. Click a bar to list that digit&apos;s images.</source>
        <translation>每类图片数：横轴为数字 0…9，纵轴为所选数据集中该数字的图片数量。点击一根条可列出该数字的图片。</translation>
    </message>
    <message>
        <source>The mean image of every digit, in bytes 0…255 (the colour bar): what an average 0, 1, … 9 looks like. Click one to list that digit&apos;s images.</source>
        <translation>每个数字的平均图像，以字节 0…255 表示（见色标）：平均的 0、1、… 9 是什么样子。点击一个可列出该数字的图片。</translation>
    </message>
    <message>
        <source>A page of the chosen digit&apos;s images. Click one to select it: it then shows below as raw bytes and as the network&apos;s input.</source>
        <translation>所选数字的一页图片。点击一张即选中它：它随后在下方显示为原始字节和网络的输入。</translation>
    </message>
    <message>
        <source>The selected image as MNIST stores it: 28×28 bytes, 0 background to 255 ink (the colour bar); hover for a byte.</source>
        <translation>MNIST 中存储的所选图片：28×28 个字节，0 为背景，255 为笔迹（见色标）；悬停可读出一个字节。</translation>
    </message>
    <message>
        <source>The same image as the network reads it: padded to 32×32 and mapped to x = −0.1 + 1.275·byte/255, background −0.1 and ink 1.175 (course: Layer INPUT).</source>
        <translation>网络读到的同一张图片：填充到 32×32，并映射为 x = −0.1 + 1.275·字节值/255，背景 −0.1，笔迹 1.175（课程：Layer INPUT）。</translation>
    </message>
    <message>
        <source>Your digits, by label, each captioned &quot;label → answer&quot; with the current network&apos;s confidence max y; red captions are the ones it gets wrong. Select one or more, then press 0–9 to relabel them, Del to delete them, Ctrl+Z to undo.</source>
        <translation>你的数字，按标签排列，每个标注“标签 → 回答”以及当前网络的置信度 max y；红色标注表示网络答错。选中一个或多个，再按 0–9 改标签，按 Del 删除，按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Give the selected digits another label (or press its key, 0–9).</source>
        <translation>给选中的数字换一个标签（或按它的键 0–9）。</translation>
    </message>
    <message>
        <source>Delete the selected digits (Del); Undo brings them back.</source>
        <translation>删除选中的数字（Del）；撤销可以恢复。</translation>
    </message>
    <message>
        <source>Undo the last change to My digits: an add, a relabel or a delete (Ctrl+Z).</source>
        <translation>撤销对“我的数字”的最后一次修改：加入、改标签或删除（Ctrl+Z）。</translation>
    </message>
    <message>
        <source>Show another folder of digits, one subfolder per class (DIR/0/*.png … DIR/9/*.png): a teacher&apos;s set, a class&apos;s collected digits. It is only shown until you merge it into My digits.</source>
        <translation>显示另一个数字文件夹，每类一个子文件夹（DIR/0/*.png … DIR/9/*.png）：老师的数据集、一个班收集的数字。在你把它并入“我的数字”之前，它只是被显示。</translation>
    </message>
    <message>
        <source>Copy the digits of the folder shown into My digits.</source>
        <translation>把所显示文件夹中的数字复制到“我的数字”。</translation>
    </message>
    <message>
        <source>Copy My digits into a folder of your choice, in the same layout (DIR/0/*.png … DIR/9/*.png), to share them.</source>
        <translation>把“我的数字”按同样的结构（DIR/0/*.png … DIR/9/*.png）复制到你选择的文件夹，以便分享。</translation>
    </message>
    <message>
        <source>Start a new run from a run&apos;s weights that trains on My digits (with some MNIST mixed in), optionally keeping C1…C5 as they are; it then shows the accuracy on held-out digits and on the MNIST test set before → after.</source>
        <translation>从某次运行的权重开始一次新运行，在“我的数字”上训练（混入一些 MNIST），可选择保持 C1…C5 不变；然后显示在留出的数字和 MNIST 测试集上的准确率，之前 → 之后。</translation>
    </message>
    <message>
        <source>How many test images (the first N) are perturbed and classified at every level.</source>
        <translation>在每个扰动强度下要扰动并分类多少张测试图片（前 N 张）。</translation>
    </message>
    <message>
        <source>Perturb the test images at every level (noise, rotation, shift, stroke thickness) and classify them with the current weights.</source>
        <translation>在每个强度下扰动测试图片（噪声、旋转、平移、笔画粗细），并用当前权值对它们分类。</translation>
    </message>
    <message>
        <source>Accuracy under perturbations (not in the course): one plot each for noise, rotation, shift and stroke thickness, x axis the level, y axis the accuracy in %. The wide plot: for a confidence threshold on max y (x axis), the share of images answered and the accuracy among them (y axis, %).</source>
        <translation>扰动下的准确率（课程中没有）：噪声、旋转、平移和笔画粗细各一张图，横轴为扰动强度，纵轴为准确率（%）。宽的那张图：对 max y 设置的置信度阈值（横轴）下，作出回答的图片比例以及其中的准确率（纵轴，%）。</translation>
    </message>
    <message>
        <source>The confidence threshold on max y: below it the network answers &quot;I don&apos;t know&quot;. Beside it: how many images are answered, and how many of those are right.</source>
        <translation>max y 的置信度阈值：低于它时网络回答“不知道”。旁边显示有多少图片得到回答，以及其中有多少是对的。</translation>
    </message>
    <message>
        <source>The layer whose outputs are projected: C5&apos;s 120 or F6&apos;s 84 values per image (course: Layer C5, Layer F6).</source>
        <translation>要投影其输出的层：每张图片在 C5 的 120 个值或 F6 的 84 个值（课程：Layer C5、Layer F6）。</translation>
    </message>
    <message>
        <source>How many test images are projected.</source>
        <translation>要投影的测试图片数量。</translation>
    </message>
    <message>
        <source>Compute the layer&apos;s outputs for the test images and their principal components (PCA).</source>
        <translation>计算该层对测试图片的输出及其主成分（PCA）。</translation>
    </message>
    <message>
        <source>Every test image as a point: its C5 or F6 output projected onto the first two principal components (x axis PC1, y axis PC2, each with its share of the variance), coloured by the true digit. Ringed: mistakes; red +: the probe. Hover for the image, click to make it the probe.</source>
        <translation>每张测试图片是一个点：它在 C5 或 F6 的输出投影到前两个主成分上（横轴 PC1，纵轴 PC2，各自标出所占方差的比例），按真实数字着色。圆圈：错误；红色 +：探针样本。悬停可看图片，点击可设为探针样本。</translation>
    </message>
    <message>
        <source>Every training run: its configuration in the course&apos;s words, epochs, best test accuracy, time and speed. ▶ marks the current run, ✎ the canvas&apos;s model; select two or more to overlay their curves.</source>
        <translation>每次训练运行：用课程术语描述的配置、轮数、最佳测试准确率、用时和速度。▶ 标记当前运行，✎ 标记画板所用的模型；选中两个或更多可叠加它们的曲线。</translation>
    </message>
    <message>
        <source>Make the selected run the current one: Train continues it from its weights.</source>
        <translation>把选中的运行设为当前运行：“训练”从它的权值继续训练。</translation>
    </message>
    <message>
        <source>Start a new run from the course&apos;s random initialisation; the other runs are kept.</source>
        <translation>从课程的随机初始化开始一次新的训练运行；其他运行都保留。</translation>
    </message>
    <message>
        <source>Classify the canvas&apos;s drawings with the selected run&apos;s weights.</source>
        <translation>用选中运行的权值识别画板上的手写数字。</translation>
    </message>
    <message>
        <source>Give the selected run another name.</source>
        <translation>给选中的运行改名。</translation>
    </message>
    <message>
        <source>Delete the selected run, after asking; Undo brings it back until the application closes.</source>
        <translation>询问后删除选中的运行；在应用程序关闭之前，“撤销删除”可以把它找回来。</translation>
    </message>
    <message>
        <source>Bring back the last deleted run.</source>
        <translation>找回最后删除的运行。</translation>
    </message>
    <message>
        <source>Save the selected run as a workspace file: configuration, weights and curves.</source>
        <translation>把选中的运行保存为工作区文件：配置、权值和曲线。</translation>
    </message>
    <message>
        <source>One of the course&apos;s questions (Table 1 or a full C3, the sub-sampling, f, f at F7, the learning rate α): a set of runs that differ in that one choice.</source>
        <translation>课程提出的一个问题（表 1 还是全连接的 C3、下采样方式、f、F7 是否带 f、学习速率 α）：一组只在这一项选择上不同的训练运行。</translation>
    </message>
    <message>
        <source>Run the chosen experiment: its runs train one after another with the same seed and data, and their curves overlay.</source>
        <translation>运行所选实验：它的各次运行用相同的随机种子和数据依次训练，曲线相互叠加。</translation>
    </message>
    <message>
        <source>The selected runs&apos; curves. Top: the smoothed cost J; bottom: the test accuracy in %; x axes: the batch. The legend names only what differs between the runs.</source>
        <translation>选中运行的曲线。上：平滑后的代价 J；下：测试准确率（%）；横轴：批次。图例只标出各运行之间不同的地方。</translation>
    </message>
    <message>
        <source>Train, pause or resume (Space). Training runs gradient descent on mini-batches, θ := θ − α·∂J/∂θ, in a background thread while the panels follow it.</source>
        <translation>训练、暂停或继续（空格键）。训练在后台线程中对小批量做梯度下降 θ := θ − α·∂J/∂θ，各面板随之更新。</translation>
    </message>
    <message>
        <source>Train exactly one mini-batch, one update θ := θ − α·δ(θ), then stay paused (→): watch what a single update changes.</source>
        <translation>只训练一个小批量，即一次更新 θ := θ − α·δ(θ)，然后保持暂停（→）：观察一次更新改变了什么。</translation>
    </message>
    <message>
        <source>End this training run (Ctrl+.). Its weights and curves stay in the Runs panel.</source>
        <translation>结束本次训练运行（Ctrl+.）。它的权值和曲线保留在“训练运行”面板中。</translation>
    </message>
    <message>
        <source>Start a new run from the course&apos;s random initialisation (Ctrl+R): the loss starts again near ln 10 ≈ 2.3. The current run stays in the Runs panel.</source>
        <translation>从课程的随机初始化开始新的训练运行（Ctrl+R）：代价重新从 ln 10 ≈ 2.3 附近开始。当前运行保留在“训练运行”面板中。</translation>
    </message>
    <message>
        <source>A new run that starts from a chosen run&apos;s weights and trains on My digits (some MNIST mixed in, C1…C5 frozen or not); the Fine-tuning panel then shows the accuracy before → after on held-out digits and on MNIST&apos;s test set.</source>
        <translation>从所选运行的权重开始、在“我的数字”上训练的新运行（混入一些 MNIST，可冻结或不冻结 C1…C5）；然后“微调”面板显示在留出的数字和 MNIST 测试集上的准确率，之前 → 之后。</translation>
    </message>
    <message>
        <source>Slow motion: the slider beside sets a pause after each mini-batch.</source>
        <translation>慢动作：旁边的滑块设定每个小批量之后的停顿。</translation>
    </message>
    <message>
        <source>Training speed: at the left, slow motion (about one mini-batch a second, to follow each update in the panels); at the right, full speed.</source>
        <translation>训练速度：最左是慢动作（大约每秒一个小批量，便于在各面板中跟踪每次更新）；最右是全速。</translation>
    </message>
    <message>
        <source>The pause after each mini-batch that the speed slider sets.</source>
        <translation>速度滑块设定的每个小批量之后的停顿。</translation>
    </message>
    <message>
        <source>The probe sample: the one image whose feature maps, δ and backpropagation the panels show.</source>
        <translation>探针样本：各面板显示其特征图、δ 和反向传播的那一张图片。</translation>
    </message>
    <message>
        <source>The index of the test image that is the probe sample of every panel (feature maps, δ heatmaps, stepper).</source>
        <translation>作为所有面板（特征图、δ 敏感值热图、逐步演示）探针样本的测试图片的序号。</translation>
    </message>
    <message>
        <source>The probe sample as the network sees it: the 32×32 input x, background −0.1, ink 1.175.</source>
        <translation>网络所见的探针样本：32×32 的输入 x，背景 −0.1，笔迹 1.175。</translation>
    </message>
    <message>
        <source>The probe&apos;s label z and the network&apos;s answer argmax y with its probability.</source>
        <translation>探针样本的标签 z，以及网络的回答 argmax y 和它的概率。</translation>
    </message>
    <message>
        <source>Where the training is: epoch, mini-batch, samples per second and the time left.</source>
        <translation>训练进行到哪里：轮次、小批量、每秒样本数和剩余时间。</translation>
    </message>
    <message>
        <source>Progress of the data load, or of the training run.</source>
        <translation>数据加载或训练运行的进度。</translation>
    </message>
    <message>
        <source>Workspaces, weights, pictures and the loss history, saved or opened.</source>
        <translation>保存或打开工作区、权值、图片和代价历史。</translation>
    </message>
    <message>
        <source>Restore a saved workspace: the configuration, the weights θ and the loss history (Ctrl+O).</source>
        <translation>恢复保存的工作区：配置、权值 θ 和代价历史（Ctrl+O）。</translation>
    </message>
    <message>
        <source>Save the configuration, the weights θ and the loss history in one file (Ctrl+S).</source>
        <translation>把配置、权值 θ 和代价历史保存在一个文件中（Ctrl+S）。</translation>
    </message>
    <message>
        <source>Load the weights w and biases b of every layer from a .npz checkpoint (Ctrl+Shift+O); the file is checked before anything changes.</source>
        <translation>从 .npz 检查点载入每一层的权值 w 和偏差 b（Ctrl+Shift+O）；文件先经过检查，再做任何改动。</translation>
    </message>
    <message>
        <source>Save the current weights w and biases b as a .npz checkpoint (Ctrl+Shift+S).</source>
        <translation>把当前的权值 w 和偏差 b 保存为 .npz 检查点（Ctrl+Shift+S）。</translation>
    </message>
    <message>
        <source>Save the window or one panel as a picture (PNG or SVG), or the loss history as a CSV table.</source>
        <translation>把窗口或某个面板保存为图片（PNG 或 SVG），或把代价历史保存为 CSV 表格。</translation>
    </message>
    <message>
        <source>Save a picture of the whole window as PNG or SVG (Ctrl+E).</source>
        <translation>把整个窗口保存为 PNG 或 SVG 图片（Ctrl+E）。</translation>
    </message>
    <message>
        <source>Save the loss J and accuracy curves as a CSV table (Ctrl+Shift+E).</source>
        <translation>把代价 J 和准确率曲线保存为 CSV 表格（Ctrl+Shift+E）。</translation>
    </message>
    <message>
        <source>Close the application; a training run stops and is saved first.</source>
        <translation>关闭应用程序；进行中的训练会先停止并保存。</translation>
    </message>
    <message>
        <source>Train, step one mini-batch, stop, or start a new run.</source>
        <translation>训练、单步训练一个小批量、停止，或开始新的训练运行。</translation>
    </message>
    <message>
        <source>Show or hide each panel, choose the language, or put every panel back in its place.</source>
        <translation>显示或隐藏各个面板，选择语言，或把所有面板放回原位。</translation>
    </message>
    <message>
        <source>The language of the interface: English or Chinese, with the course&apos;s terms.</source>
        <translation>界面语言：英文或中文，使用课程中的术语。</translation>
    </message>
    <message>
        <source>Put every panel back in its default place and size (Ctrl+Shift+R).</source>
        <translation>把所有面板放回默认的位置和大小（Ctrl+Shift+R）。</translation>
    </message>
    <message>
        <source>The keyboard shortcuts, What&apos;s This?, what each panel shows, and About.</source>
        <translation>键盘快捷键、“这是什么？”、各面板显示的内容，以及“关于”。</translation>
    </message>
    <message>
        <source>A table of every keyboard shortcut of the window (F1).</source>
        <translation>窗口所有键盘快捷键的一览表（F1）。</translation>
    </message>
    <message>
        <source>What&apos;s This? (Shift+F1): the pointer becomes a question mark; click any control, plot or colour bar and it explains itself in the course&apos;s terms. Escape leaves the mode.</source>
        <translation>这是什么？（Shift+F1）：鼠标指针变成问号；点击任何控件、图表或色标，它就用课程的术语解释自己。按 Esc 退出该模式。</translation>
    </message>
    <message>
        <source>Explain the panel that has the keyboard focus: what it shows, the course&apos;s section and its formula (Ctrl+F1).</source>
        <translation>解释拥有键盘焦点的面板：它显示什么、对应课程的哪一节以及公式（Ctrl+F1）。</translation>
    </message>
    <message>
        <source>What each panel shows, with the course&apos;s section and formula.</source>
        <translation>各面板显示的内容，以及对应的课程章节和公式。</translation>
    </message>
    <message>
        <source>The version, the licences and the MNIST attribution.</source>
        <translation>版本、许可证和 MNIST 的出处。</translation>
    </message>
    <message>
        <source>Show or hide the {title} panel.</source>
        <translation>显示或隐藏“{title}”面板。</translation>
    </message>
    <message>
        <source>Save a picture of the {title} panel as PNG, in pixels, as it is on screen.</source>
        <translation>把“{title}”面板保存为 PNG 图片，按像素，与屏幕上一致。</translation>
    </message>
    <message>
        <source>Save a picture of the {title} panel as SVG, which scales without blur.</source>
        <translation>把“{title}”面板保存为 SVG 图片，缩放时不会模糊。</translation>
    </message>
    <message>
        <source>What the {title} panel shows, with the course&apos;s section and formula.</source>
        <translation>“{title}”面板显示什么，以及对应的课程章节和公式。</translation>
    </message>
    <message>
        <source>Show the interface in {language}; every panel switches at once.</source>
        <translation>用 {language} 显示界面；所有面板立即切换。</translation>
    </message>
    <message>
        <source>Choose the quantity whose histograms are shown for every layer: the weights w, the activation inputs u (the argument of f; |u| &gt; 2 is where the scaled tanh saturates) or the sensitivities δ(u) = ∂J/∂u of backpropagation, on a log₁₀ scale.</source>
        <translation>选择每一层显示哪个量的直方图：权值 w、激活函数输入 u（f 括号里的值；|u| &gt; 2 处缩放 tanh 饱和），或反向传播的敏感值 δ(u) = ∂J/∂u（log₁₀ 刻度）。</translation>
    </message>
    <message>
        <source>Where the histograms come from: a fixed batch of test images traced through the training weights every few batches, and how many rows are kept.</source>
        <translation>直方图的来源：每隔若干批，用训练中的权值对一批固定的测试图像做前向和反向计算；以及保留了多少行。</translation>
    </message>
    <message>
        <source>One heat view per layer, C1 to F7: x is the value (binned), y the training batch, the colour the share of the layer&apos;s values in that bin at that batch. A column of colour drifting sideways is a distribution moving; the dashed red lines mark |u| = 2, beyond which the scaled tanh saturates. S2 and S4 have no weights and no u under max-pooling: only their δ is shown.</source>
        <translation>每层一幅热图，C1 到 F7：x 为数值（分箱），y 为训练批次，颜色为该批次该层数值落在该箱中的比例。颜色带向旁边漂移表示分布在移动；红色虚线标出 |u| = 2，超过它缩放 tanh 就饱和。max-pooling 下 S2 和 S4 没有权值也没有 u：只显示它们的 δ。</translation>
    </message>
    <message>
        <source>Diagnoses computed from the newest histograms: saturated units, dead ReLUs, the size of an update against the weights, δ vanishing or exploding from F7 down to C1, and a learning rate that is too high. Each names the course section of the cause and quotes its formula or term.</source>
        <translation>由最新直方图得出的诊断：饱和的神经元、死亡 ReLU、更新相对权值的大小、δ 从 F7 到 C1 的消失或爆炸，以及过大的学习速率。每条都给出课程中讲解其原因的章节，并引用其中的公式或术语。</translation>
    </message>
    <message>
        <source>The iterative form (basic iterative method): ten steps of α = ε/4 along sign(δ(x)), each projected back within ε of x; it fools the network at a smaller ε than one step.</source>
        <translation>迭代形式（基本迭代法）：沿 sign(δ(x)) 走十步、每步 α = ε/4，每步后投影回 x 的 ε 范围内；它比单步法在更小的 ε 下就能骗过网络。</translation>
    </message>
    <message>
        <source>Targeted mode: sign steps DOWN J of the chosen class k (so yₖ rises), for budgets ε up to 0.3, keeping the smallest ε at which the answer is k.</source>
        <translation>定向模式：沿使所选类别 k 的代价 J 减小的方向走符号步（于是 yₖ 增大），预算 ε 最大 0.3，保留答案变为 k 的最小 ε。</translation>
    </message>
    <message>
        <source>The target class k of the targeted change.</source>
        <translation>定向改变的目标类别 k。</translation>
    </message>
    <message>
        <source>Runs the targeted search in the background.</source>
        <translation>在后台运行定向搜索。</translation>
    </message>
    <message>
        <source>The result of the targeted search.</source>
        <translation>定向搜索的结果。</translation>
    </message>
    <message>
        <source>The probe sample x, unchanged.</source>
        <translation>未改变的探针样本 x。</translation>
    </message>
    <message>
        <source>The change x′ − x: ±ε (in the input&apos;s scale) on every pixel the clipping to −0.1 … 1.175 allows, diverging colours centred on 0 with the colour bar.</source>
        <translation>改变量 x′ − x：在裁剪到 −0.1 … 1.175 所允许的每个像素上为 ±ε（按输入的尺度），以 0 为中心的发散色图，配色条。</translation>
    </message>
    <message>
        <source>The changed image x′ the network now classifies.</source>
        <translation>网络现在分类的改变后的图像 x′。</translation>
    </message>
    <message>
        <source>The network&apos;s answer argmax y for x′, and y of the true class z.</source>
        <translation>网络对 x′ 的答案 argmax y，以及真实类别 z 的 y。</translation>
    </message>
    <message>
        <source>The softmax outputs y of the changed image x′.</source>
        <translation>改变后图像 x′ 的 softmax 输出 y。</translation>
    </message>
    <message>
        <source>y of the true class z against ε (FGSM, or iterative when ticked): how fast the network&apos;s confidence falls as the change grows. The red line is the ε shown above.</source>
        <translation>真实类别 z 的 y 随 ε 的变化（FGSM，勾选时为迭代法）：改变增大时网络的把握下降得多快。红线是上方所示的 ε。</translation>
    </message>
    <message>
        <source>ε: how far every pixel may move, in pixels of [0, 1] (our input&apos;s −0.1 … 1.175 is 1.275 of them)</source>
        <translation>ε：每个像素最多可改变多少，以 [0, 1] 像素计（本网络输入的 −0.1 … 1.175 相当于 1.275 个这样的单位）</translation>
    </message>
    <message>
        <source>ε: how far every pixel may move, in pixels of [0, 1] (our input&apos;s −0.1 … 1.175 is 1.275 of them). FGSM moves every pixel by ε in the direction that raises J of the true class z: x′ = clip(x + ε·sign(δ(x))), δ(x) = ∂J/∂x the input&apos;s sensitivity.</source>
        <translation>ε：每个像素最多可改变多少，以 [0, 1] 像素计（本网络输入的 −0.1 … 1.175 相当于 1.275 个这样的单位）。FGSM 把每个像素沿使真实类别 z 的代价 J 增大的方向移动 ε：x′ = clip(x + ε·sign(δ(x)))，δ(x) = ∂J/∂x 为输入图像的敏感值。</translation>
    </message>
    <message>
        <source>The probe sample x the map explains.</source>
        <translation>该图所解释的探针样本 x。</translation>
    </message>
    <message>
        <source>Occlusion sensitivity: for every position of the patch, yₖ of the intact x minus yₖ with the patch (blank paper, x = −0.1) covering x, one forward pass each, batched; each pixel shows the mean drop over the patches covering it. Diverging colours centred on 0 (white); the colour bar gives the drop of the softmax output yₖ.</source>
        <translation>遮挡敏感度：对遮挡块的每个位置，完整 x 的 yₖ 减去遮挡块（空白纸面，x = −0.1）盖住 x 后的 yₖ，每个位置一次前向传播，成批计算；每个像素显示覆盖它的各遮挡块的平均下降。以 0（白色）为中心的发散色图；色条给出 softmax 输出 yₖ 的下降。</translation>
    </message>
    <message>
        <source>The occlusion map is being computed in the background.</source>
        <translation>正在后台计算遮挡图。</translation>
    </message>
    <message>
        <source>Which inputs the map shown was computed for.</source>
        <translation>所示遮挡图是为哪些输入计算的。</translation>
    </message>
    <message>
        <source>The side of the square blank patch, in input pixels. A larger patch hides whole strokes; a small one single pixels.</source>
        <translation>正方形空白遮挡块的边长，以输入像素计。大的遮挡块盖住整段笔画，小的只盖住单个像素。</translation>
    </message>
    <message>
        <source>How far the patch moves between two positions, in input pixels. Stride 1 gives the finest map and the most forward passes.</source>
        <translation>遮挡块两个位置之间移动的距离，以输入像素计。步长 1 给出最精细的图，也需要最多的前向传播。</translation>
    </message>
    <message>
        <source>The class k whose softmax output yₖ the saliency and occlusion maps explain: the network&apos;s answer (argmax y), or any digit 0–9 — e.g. to ask what speaks for a 1 in a drawn 7.</source>
        <translation>显著图和遮挡图所解释的 softmax 输出 yₖ 的类别 k：网络的答案（argmax y），或任一数字 0–9——例如问：手写的 7 中什么支持它是 1。</translation>
    </message>
    <message>
        <source>The probe sample x, the 32×32 network input (a test image or the drawing), drawn as ink on paper.</source>
        <translation>探针样本 x，即 32×32 的网络输入（测试图像或手写数字），画成纸上的墨迹。</translation>
    </message>
    <message>
        <source>The probe: where it comes from, its label z (? for a drawing), the network&apos;s answer argmax y and its softmax output y.</source>
        <translation>探针：来源、标签 z（手写数字为 ?）、网络的答案 argmax y 及其 softmax 输出 y。</translation>
    </message>
    <message>
        <source>The probe sample x: the 32×32 network input the maps explain.</source>
        <translation>探针样本 x：这些图所解释的 32×32 网络输入。</translation>
    </message>
    <message>
        <source>Saliency: |∂yₖ/∂x|, the size of the gradient of the softmax output yₖ with respect to every input pixel, found by backpropagation down to the input (like δ(x), but of yₖ instead of J). The colour bar gives its scale: 0 is dark, the largest value yellow.</source>
        <translation>显著图：|∂yₖ/∂x|，softmax 输出 yₖ 对每个输入像素的梯度（敏感值）的大小，由反向传播一直算到输入层得到（类似 δ(x)，但对象是 yₖ 而不是 J）。色条给出其尺度：0 为深色，最大值为黄色。</translation>
    </message>
    <message>
        <source>Gradient × input: (x + 0.1)·∂yₖ/∂x for every pixel, each pixel&apos;s first-order share of yₖ measured from blank paper (x = −0.1), so the background scores 0. Diverging colours centred on 0 (white): yellow-brown raises yₖ, blue lowers it; the colours saturate at the 99th percentile, the hover read-out gives the value.</source>
        <translation>梯度 × 输入：每个像素的 (x + 0.1)·∂yₖ/∂x，即以空白纸面（x = −0.1）为基准时各像素对 yₖ 的一阶贡献，因此背景为 0。以 0（白色）为中心的发散色图：黄褐色使 yₖ 增大，蓝色使其减小；颜色在第 99 百分位处饱和，悬停读数给出数值。</translation>
    </message>
    <message>
        <source>How to read the two maps.</source>
        <translation>如何解读这两张图。</translation>
    </message>
    <message>
        <source>The layer: a C1 feature map counts as one unit (the u of its centre unit: the 5×5 pattern its kernel looks for), a C3 map as one unit (its mean u), a C5, F6 or F7 neuron as one unit (its u, the input of f).</source>
        <translation>层：C1 的一个特征图算一个单元（取其中心神经元的 u：它的卷积核寻找的 5×5 图案），C3 的一个特征图算一个单元（取其 u 的平均值），C5、F6 或 F7 的一个神经元算一个单元（取其 u，即 f 的输入）。</translation>
    </message>
    <message>
        <source>Runs the gradient ascent for the current weights now, even while training runs (the gallery then shows the weights of the moment you pressed).</source>
        <translation>立即用当前权值运行梯度上升，训练进行中也可以（图库显示的是按下那一刻的权值）。</translation>
    </message>
    <message>
        <source>Stops the computation; the gallery shown stays.</source>
        <translation>停止计算；已显示的图库保留。</translation>
    </message>
    <message>
        <source>Steps of gradient ascent done.</source>
        <translation>已完成的梯度上升步数。</translation>
    </message>
    <message>
        <source>Which weights (run and batch) the gallery was computed for.</source>
        <translation>图库是为哪组权值（运行和批次）计算的。</translation>
    </message>
    <message>
        <source>For every unit, the input x that makes its activation largest: gradient ascent on x from a plain grey image, x := clip(x + α·∂a/∂x) with a small L2 pull to grey and a blur, kept in the input&apos;s range −0.1 … 1.175 (the colour bar). Click a tile to see the test images that excite that unit most.</source>
        <translation>对每个神经元，使其激活值最大的输入 x：从一张纯灰图像出发对 x 做梯度上升，x := clip(x + α·∂a/∂x)，加上拉向灰色的小 L2 项和模糊，并保持在输入范围 −0.1 … 1.175 内（见色条）。单击一格可查看最能激活该神经元的测试图像。</translation>
    </message>
    <message>
        <source>The 9 test images with the largest activation of the selected unit, largest first (row by row).</source>
        <translation>使所选神经元激活值最大的 9 张测试图像，从大到小（逐行）。</translation>
    </message>
    <message>
        <source>The timeline of this run: its weights w and b were recorded after every batch at first, then less and less often. Each position is one recorded snapshot; every panel shows the network as it was after that many batches (mini-batches of gradient descent θ := θ − α·δ(θ)). The right end is the network training now.</source>
        <translation>这次运行的时间线：权值 w 和偏差 b 起初每批之后都记录，之后越来越稀疏。每个位置是一个记录的快照；所有面板显示训练了那么多批（梯度下降 θ := θ − α·δ(θ) 的小批量）之后的网络。最右端是正在训练的网络。</translation>
    </message>
    <message>
        <source>Plays the recorded snapshots in order, from the first (the random initial weights) on, at the speed beside it. Moving the slider or going live stops it.</source>
        <translation>按顺序播放记录的快照，从第一个（随机初始权值）开始，速度见旁边的设置。移动滑块或回到实时会停止回放。</translation>
    </message>
    <message>
        <source>How many recorded snapshots Replay shows per second.</source>
        <translation>回放每秒显示多少个记录的快照。</translation>
    </message>
    <message>
        <source>The batch whose weights the panels show, and which recorded snapshot that is.</source>
        <translation>各面板所显示权值对应的批次，以及它是第几个记录的快照。</translation>
    </message>
    <message>
        <source>Renders one panel for every recorded snapshot in a range of batches and saves the pictures as an animation (GIF or APNG) or as numbered PNG files.</source>
        <translation>为一段批次范围内的每个记录快照绘制一个面板，并把图片保存为动画（GIF 或 APNG）或编号的 PNG 文件。</translation>
    </message>
    <message>
        <source>Shows the current weights again (training goes on while you look at the past).</source>
        <translation>重新显示当前的权值（查看过去时训练仍在继续）。</translation>
    </message>
    <message>
        <source>Start a new run from a run&apos;s weights that trains on My digits: choose the run, the layers kept as they are, the share of MNIST mixed in and the share of your digits held out.</source>
        <translation>从某次运行的权重开始一次在“我的数字”上训练的新运行：选择起始运行、保持不变的层、混入 MNIST 的比例和留出的数字比例。</translation>
    </message>
    <message>
        <source>Measure the current fine-tuned run now: its starting and its current weights on the held-out digits and on MNIST&apos;s test set.</source>
        <translation>现在测量当前的微调运行：它的起始权重和当前权重在留出的数字和 MNIST 测试集上的表现。</translation>
    </message>
    <message>
        <source>The current run: where it started, what it trains on, which layers stay as they were.</source>
        <translation>当前运行：从哪里开始，在什么上训练，哪些层保持不变。</translation>
    </message>
    <message>
        <source>Accuracy before → after: on your held-out digits (never trained on) and on MNIST&apos;s 10,000 test images. ▲ is a gain, ▼ a loss, in percentage points.</source>
        <translation>准确率 之前 → 之后：在你留出的数字（从不用于训练）和 MNIST 的 10,000 张测试图像上。▲ 表示提高，▼ 表示下降，单位为百分点。</translation>
    </message>
    <message>
        <source>The same four numbers as bars: grey before, blue after, for your held-out digits and for MNIST&apos;s test set; y axis the accuracy in %.</source>
        <translation>同样的四个数字画成柱形：灰色为之前，蓝色为之后，分别对应你留出的数字和 MNIST 测试集；y 轴为准确率（%）。</translation>
    </message>
    <message>
        <source>The labs: the course&apos;s labs in order, and any lab you opened (File ▸ Open lab…). ✓ marks a finished lab; the numbers say how many steps you passed.</source>
        <translation>实验：按顺序列出课程的实验，以及你打开的实验（文件 ▸ 打开实验…）。✓ 表示已完成的实验；括号中的数字是你已通过的步骤数。</translation>
    </message>
    <message>
        <source>How far you are in this lab.</source>
        <translation>你在这个实验中的进度。</translation>
    </message>
    <message>
        <source>The step you are at.</source>
        <translation>你当前所在的步骤。</translation>
    </message>
    <message>
        <source>What to do and why, in the course&apos;s words, with its formulas.</source>
        <translation>要做什么、为什么，用课程的语言和公式说明。</translation>
    </message>
    <message>
        <source>Type your answer: a number as you write it (1,516 or 1516; 0.25 or 2.5e-1), then Check (Enter).</source>
        <translation>输入你的答案：按习惯写数字即可（1,516 或 1516；0.25 或 2.5e-1），然后点“检查”（回车）。</translation>
    </message>
    <message>
        <source>Pick your answer (several where the step says so), then Check.</source>
        <translation>选出你的答案（本步骤说明可多选时可选多个），然后点“检查”。</translation>
    </message>
    <message>
        <source>Check your answer. A wrong one shows a hint from the course; a right one lets you go on.</source>
        <translation>检查你的答案。答错时显示来自课程的提示；答对后可以继续。</translation>
    </message>
    <message>
        <source>Enter your prediction first, then reveal what the network does: both are shown side by side.</source>
        <translation>先输入你的预测，再揭晓网络的实际结果：两者并排显示。</translation>
    </message>
    <message>
        <source>Whether the window shows what this step asks you to do: it turns ✓ by itself once you have done it.</source>
        <translation>窗口是否已显示本步骤要求你完成的操作：完成后会自动变成 ✓。</translation>
    </message>
    <message>
        <source>Right, or a hint from the course after a wrong answer (never the answer).</source>
        <translation>答对的确认，或答错后来自课程的提示（绝不是答案）。</translation>
    </message>
    <message>
        <source>The step before (Page Up in the presentation).</source>
        <translation>上一步（演示模式中按 PgUp）。</translation>
    </message>
    <message>
        <source>The next step, once this one is done (Page Down in the presentation).</source>
        <translation>完成本步骤后进入下一步（演示模式中按 PgDown）。</translation>
    </message>
    <message>
        <source>Save this lab&apos;s report: one HTML file with your answers, the figures, and the run&apos;s configuration and seed.</source>
        <translation>保存本实验的报告：一个 HTML 文件，含你的答案、图、本次训练的配置和随机种子。</translation>
    </message>
</context>
</TS>
