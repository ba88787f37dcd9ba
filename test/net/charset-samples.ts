/** Headlines in each charset's own script, long enough for statistical detection to have a chance. */
export const SAMPLES: Array<{ charset: string; expected: string; text: string }> = [
  {
    charset: 'gbk',
    expected: 'gb18030',
    text: '中华人民共和国国务院今天发布了关于经济发展的新政策，专家表示这将促进就业。',
  },
  { charset: 'gb18030', expected: 'gb18030', text: '北京市政府宣布新的交通规划，地铁线路将延伸到郊区。𠀀' },
  { charset: 'big5', expected: 'big5', text: '臺灣行政院今日宣布新的經濟振興方案，預計將帶動國內消費與就業成長。' },
  {
    charset: 'shift_jis',
    expected: 'shift_jis',
    text: '日本政府は本日、新しい経済対策を発表しました。専門家は景気回復を期待しています。',
  },
  {
    charset: 'euc-jp',
    expected: 'euc-jp',
    text: '東京都は新しい防災計画を発表し、地震への備えを強化すると述べました。',
  },
  {
    charset: 'euc-kr',
    expected: 'euc-kr',
    text: '대한민국 정부는 오늘 새로운 경제 정책을 발표했습니다. 전문가들은 고용 증가를 기대합니다.',
  },
  {
    charset: 'windows-1250',
    expected: 'windows-1250',
    text: 'Příliš žluťoučký kůň úpěl ďábelské ódy. Zażółć gęślą jaźń. Łódź, Kraków, Gdańsk.',
  },
  {
    charset: 'windows-1251',
    expected: 'windows-1251',
    text: 'Правительство России объявило о новых мерах поддержки экономики и занятости населения.',
  },
  {
    charset: 'windows-1252',
    expected: 'windows-1252',
    text: 'Le président a déclaré: «Ça suffit!» — l’économie française ne peut pas attendre. Œuvre, café, naïve.',
  },
  {
    charset: 'windows-1253',
    expected: 'windows-1253',
    text: 'Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία και την απασχόληση στην Ελλάδα.',
  },
  {
    charset: 'windows-1256',
    expected: 'windows-1256',
    text: 'أعلنت الحكومة اليوم عن إجراءات جديدة لدعم الاقتصاد وتوفير فرص العمل للشباب.',
  },
  {
    charset: 'koi8-r',
    expected: 'koi8-r',
    text: 'Министерство иностранных дел сообщило о переговорах с соседними государствами.',
  },
  {
    charset: 'koi8-u',
    expected: 'koi8-u',
    text: 'Уряд України оголосив про нові заходи підтримки економіки. Ґрунт, їжа, європейський.',
  },
  {
    charset: 'iso-8859-2',
    expected: 'iso-8859-2',
    text: 'Vláda České republiky schválila nový zákon o ochraně životního prostředí. Šťastný.',
  },
  {
    charset: 'iso-8859-5',
    expected: 'iso-8859-5',
    text: 'Новости дня: правительство приняло новый бюджет на следующий год.',
  },
  {
    charset: 'iso-8859-7',
    expected: 'iso-8859-7',
    text: 'Ειδήσεις: η Βουλή ψήφισε τον νέο προϋπολογισμό για το επόμενο έτος.',
  },
  { charset: 'iso-8859-15', expected: 'iso-8859-15', text: 'Prix: 20 € - œuvre, Œdipe, Šárka, Žižek.' },
];
