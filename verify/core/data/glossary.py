"""Common newsroom words of Chinese and Japanese with their English words, so a rumor written in Chinese shares
terms with the English press release that settles it ("协议" -> agreement, "工厂" -> factory, "発売" -> launch).

Character pairs and their pinyin meet English only through names ("华为" -> huawei); the words around the names
(agreement, factory, acquire, launch, chip, listing) were invisible across the language line. The list holds the
vocabulary of business, technology and car news in general (deals, products, launches, markets, people's
jobs), never words picked from one story. Each entry is the word as written (simplified, traditional and
Japanese forms where they differ) and the English words the matcher adds for it (stemmed with the rest).
"""

GLOSSARY: dict[str, str] = {
    # deals and companies
    "收购": "acquire acquisition", "收購": "acquire acquisition", "買収": "acquire acquisition",
    "并购": "merger acquisition", "併購": "merger acquisition", "合并": "merge merger", "合併": "merge merger",
    "经营统合": "merge merger", "経営統合": "merge merger", "出售": "sell sale", "売却": "sell sale",
    "投资": "invest investment", "投資": "invest investment", "入股": "stake", "股份": "stake shares",
    "出资": "invest stake", "出資": "invest stake", "协议": "agreement", "協議": "agreement talks",
    "合同": "contract", "契約": "contract agreement", "合作": "partnership partner", "提携": "partnership partner",
    "合资": "joint venture", "合資": "joint venture", "谈判": "talks", "談判": "talks", "交渉": "talks",
    "洽谈": "talks", "磋商": "talks", "达成": "reach agreed", "達成": "reach agreed", "签署": "sign signed",
    "簽署": "sign signed", "締結": "sign signed", "公司": "company", "会社": "company", "集团": "group",
    "集團": "group", "子公司": "subsidiary", "子会社": "subsidiary", "政府": "government", "监管": "regulator",
    "監管": "regulator", "当局": "authorities", "批准": "approve approval", "承認": "approve approval",
    "罚款": "fine", "罰金": "fine", "制裁": "sanctions", "禁令": "ban", "禁止": "ban",
    # markets and money
    "上市": "listing ipo list", "挂牌": "listing list", "掛牌": "listing list", "首次公开募股": "ipo",
    "募资": "raise", "募資": "raise", "融资": "funding raise", "融資": "funding raise", "估值": "valuation",
    "股价": "shares stock", "株価": "shares stock", "市值": "market value", "时价总额": "market value",
    "時価総額": "market value", "交易所": "exchange", "证券交易所": "stock exchange", "証券取引所": "stock exchange",
    "营收": "revenue", "營收": "revenue", "売上高": "revenue sales", "利润": "profit", "利潤": "profit",
    "裁员": "job cuts layoffs", "裁員": "job cuts layoffs", "人员削减": "job cuts",
    "人員削減": "job cuts", "员工": "employees", "員工": "employees", "従業員": "employees",
    # products and launches
    "发布": "launch unveil release announce", "發布": "launch unveil release announce",
    "推出": "launch introduce", "発売": "launch release sale", "発表": "announce unveil", "上市销售": "sale",
    "开售": "sale on sale", "開售": "sale on sale", "预售": "preorder", "預售": "preorder", "予約": "preorder",
    "首发": "debut first", "首發": "debut first", "新款": "new", "新型": "new", "系列": "series",
    "手机": "phone smartphone", "手機": "phone smartphone", "智能手机": "smartphone", "スマートフォン": "smartphone",
    "スマホ": "smartphone", "折叠屏": "foldable", "折疊屏": "foldable", "折りたたみ": "foldable",
    "平板": "tablet", "笔记本": "laptop", "筆記本": "laptop", "电脑": "computer", "電腦": "computer",
    "芯片": "chip chips", "晶片": "chip chips", "半导体": "semiconductor chip", "半導体": "semiconductor chip",
    "处理器": "processor", "處理器": "processor", "プロセッサ": "processor", "操作系统": "operating system os",
    "作業系統": "operating system os", "系统": "system", "系統": "system", "屏幕": "screen display",
    "螢幕": "screen display", "画面": "screen display", "摄像头": "camera", "攝像頭": "camera", "相机": "camera",
    "相機": "camera", "カメラ": "camera", "电池": "battery", "電池": "battery", "充电": "charging charge",
    "充電": "charging charge", "固态电池": "solid state battery", "全固体電池": "solid state battery",
    "游戏机": "console", "遊戲機": "console", "ゲーム機": "console", "耳机": "headphones earbuds",
    "手表": "watch", "手錶": "watch", "软件": "software", "軟體": "software", "ソフトウェア": "software",
    "人工智能": "ai artificial intelligence", "生成式": "generative", "クラウド": "cloud", "订阅": "subscription",
    "訂閱": "subscription", "サブスク": "subscription",
    "价格": "price", "價格": "price", "售价": "price priced", "售價": "price priced", "価格": "price",
    # cars and plants
    "汽车": "car cars vehicle", "汽車": "car cars vehicle", "自動車": "car cars vehicle", "整车": "vehicle car",
    "電動車": "electric vehicle ev", "电动车": "electric vehicle ev", "电动汽车": "electric vehicle ev",
    "電気自動車": "electric vehicle ev", "工厂": "factory plant", "工廠": "factory plant", "工場": "factory plant",
    "超级工厂": "gigafactory", "建设": "build construction", "建設": "build construction", "建厂": "build factory",
    "生产": "production produce", "生產": "production produce", "生産": "production produce",
    "量产": "mass production", "量產": "mass production", "量産": "mass production", "交付": "deliveries deliver",
    "納車": "deliveries deliver", "自动驾驶": "self driving autonomous", "自動運転": "self driving autonomous",
    "召回": "recall", "リコール": "recall",
    # people and places
    "首席执行官": "chief executive ceo", "首席執行官": "chief executive ceo", "总裁": "president",
    "總裁": "president", "社長": "president chief executive", "董事长": "chairman", "董事長": "chairman",
    "会長": "chairman", "创始人": "founder", "創辦人": "founder", "創業者": "founder", "辞职": "resign step down",
    "辭職": "resign step down", "辞任": "resign step down", "离职": "leave step down", "離職": "leave step down",
    "退任": "step down", "任命": "appoint named", "就任": "appointed", "美国": "us united states",
    "美國": "us united states", "米国": "us united states", "中国": "china", "中國": "china", "日本": "japan",
    "欧洲": "europe european", "歐洲": "europe european", "欧州": "europe european", "德国": "germany",
    "德國": "germany", "ドイツ": "germany", "印度": "india", "インド": "india", "国内": "domestic",
    "海外": "overseas abroad", "以外": "outside", "全球": "global worldwide", "首家": "first", "首个": "first",
    "初の": "first",
}
