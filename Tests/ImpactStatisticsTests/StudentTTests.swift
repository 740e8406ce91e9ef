import ImpactTestSupport
import Testing
@testable import ImpactStatistics

// Reference values: SciPy 1.17.1 (NumPy 2.4.6), the call beside each number, printed with repr();
// where SciPy is itself inaccurate (quantiles within 1e-6 of ½) mpmath 1.3.0 at 50 digits, by
// solving ½·betainc(ν/2, ½, ν/(ν + t²)) = p with mp.findroot.

private let cdfReferences: [(t: Double, df: Double, cdf: Double)] = [
        (-40.0, 1, 0.007956089912025812),  // scipy.stats.t.cdf(-40.0, 1)
        (-3.0, 1, 0.10241638234956672),  // scipy.stats.t.cdf(-3.0, 1)
        (-1.5, 1, 0.18716704181099886),  // scipy.stats.t.cdf(-1.5, 1)
        (0.5, 1, 0.6475836176504333),  // scipy.stats.t.cdf(0.5, 1)
        (2.0, 1, 0.8524163823495667),  // scipy.stats.t.cdf(2.0, 1)
        (10.0, 1, 0.9682744825694465),  // scipy.stats.t.cdf(10.0, 1)
        (-40.0, 2, 0.0003122073360923703),  // scipy.stats.t.cdf(-40.0, 2)
        (-3.0, 2, 0.04773298313335456),  // scipy.stats.t.cdf(-3.0, 2)
        (-1.5, 2, 0.13619656244550055),  // scipy.stats.t.cdf(-1.5, 2)
        (0.5, 2, 0.6666666666666666),  // scipy.stats.t.cdf(0.5, 2)
        (2.0, 2, 0.908248290463863),  // scipy.stats.t.cdf(2.0, 2)
        (10.0, 2, 0.9950737714883372),  // scipy.stats.t.cdf(10.0, 2)
        (-40.0, 3, 1.7190340394579253e-05),  // scipy.stats.t.cdf(-40.0, 3)
        (-3.0, 3, 0.02883444281121865),  // scipy.stats.t.cdf(-3.0, 3)
        (-1.5, 3, 0.11529193262241147),  // scipy.stats.t.cdf(-1.5, 3)
        (0.5, 3, 0.6742760175759245),  // scipy.stats.t.cdf(0.5, 3)
        (2.0, 3, 0.9303370157205785),  // scipy.stats.t.cdf(2.0, 3)
        (10.0, 3, 0.9989358004707929),  // scipy.stats.t.cdf(10.0, 3)
        (-40.0, 9, 9.491499224669911e-12),  // scipy.stats.t.cdf(-40.0, 9)
        (-3.0, 9, 0.007478181955207111),  // scipy.stats.t.cdf(-3.0, 9)
        (-1.5, 9, 0.08392532802853753),  // scipy.stats.t.cdf(-1.5, 9)
        (0.5, 9, 0.6854643500869868),  // scipy.stats.t.cdf(0.5, 9)
        (2.0, 9, 0.9617235881146495),  // scipy.stats.t.cdf(2.0, 9)
        (10.0, 9, 0.999998210881284),  // scipy.stats.t.cdf(10.0, 9)
        (-40.0, 29, 3.173438664864671e-27),  // scipy.stats.t.cdf(-40.0, 29)
        (-3.0, 29, 0.002749596066951706),  // scipy.stats.t.cdf(-3.0, 29)
        (-1.5, 29, 0.07221184802019287),  // scipy.stats.t.cdf(-1.5, 29)
        (0.5, 29, 0.6895759579031093),  // scipy.stats.t.cdf(0.5, 29)
        (2.0, 29, 0.9725281814085164),  // scipy.stats.t.cdf(2.0, 29)
        (10.0, 29, 0.9999999999670007),  // scipy.stats.t.cdf(10.0, 29)
        (-40.0, 1000, 5.239426077586636e-210),  // scipy.stats.t.cdf(-40.0, 1000)
        (-3.0, 1000, 0.0013833545221190963),  // scipy.stats.t.cdf(-3.0, 1000)
        (-1.5, 1000, 0.06696501941104313),  // scipy.stats.t.cdf(-1.5, 1000)
        (0.5, 1000, 0.6914074595830626),  // scipy.stats.t.cdf(0.5, 1000)
        (2.0, 1000, 0.9771148267533741),  // scipy.stats.t.cdf(2.0, 1000)
        (10.0, 1000, 1.0),  // scipy.stats.t.cdf(10.0, 1000)
        (-40.0, 1000000, 0.0),  // scipy.stats.t.cdf(-40.0, 1000000)
        (-3.0, 1000000, 0.0013499312707109),  // scipy.stats.t.cdf(-3.0, 1000000)
        (-1.5, 1000000, 0.0668073591183964),  // scipy.stats.t.cdf(-1.5, 1000000)
        (0.5, 1000000, 0.6914624062638143),  // scipy.stats.t.cdf(0.5, 1000000)
        (2.0, 1000000, 0.9772497330743404),  // scipy.stats.t.cdf(2.0, 1000000)
        (10.0, 1000000, 1.0),  // scipy.stats.t.cdf(10.0, 1000000)
]

private let survivalReferences: [(t: Double, df: Double, survival: Double)] = [
        (-2.0, 1, 0.8524163823495667),  // scipy.stats.t.sf(-2.0, 1)
        (0.0, 1, 0.5),  // scipy.stats.t.sf(0.0, 1)
        (1.0, 1, 0.25000000000000006),  // scipy.stats.t.sf(1.0, 1)
        (2.5, 1, 0.12111894159084341),  // scipy.stats.t.sf(2.5, 1)
        (12.0, 1, 0.026464676059589878),  // scipy.stats.t.sf(12.0, 1)
        (40.0, 1, 0.007956089912025812),  // scipy.stats.t.sf(40.0, 1)
        (-2.0, 2, 0.908248290463863),  // scipy.stats.t.sf(-2.0, 2)
        (0.0, 2, 0.5),  // scipy.stats.t.sf(0.0, 2)
        (1.0, 2, 0.2113248654051871),  // scipy.stats.t.sf(1.0, 2)
        (2.5, 2, 0.06480586011075541),  // scipy.stats.t.sf(2.5, 2)
        (12.0, 2, 0.00343646683857923),  // scipy.stats.t.sf(12.0, 2)
        (40.0, 2, 0.0003122073360923703),  // scipy.stats.t.sf(40.0, 2)
        (-2.0, 3, 0.9303370157205785),  // scipy.stats.t.sf(-2.0, 3)
        (0.0, 3, 0.5),  // scipy.stats.t.sf(0.0, 3)
        (1.0, 3, 0.19550110947788524),  // scipy.stats.t.sf(1.0, 3)
        (2.5, 3, 0.04385332350403278),  // scipy.stats.t.sf(2.5, 3)
        (12.0, 3, 0.0006225079003946681),  // scipy.stats.t.sf(12.0, 3)
        (40.0, 3, 1.7190340394579253e-05),  // scipy.stats.t.sf(40.0, 3)
        (-2.0, 9, 0.9617235881146495),  // scipy.stats.t.sf(-2.0, 9)
        (0.0, 9, 0.5),  // scipy.stats.t.sf(0.0, 9)
        (1.0, 9, 0.1717181980689568),  // scipy.stats.t.sf(1.0, 9)
        (2.5, 9, 0.016930913841492867),  // scipy.stats.t.sf(2.5, 9)
        (12.0, 9, 3.8499431114928265e-07),  // scipy.stats.t.sf(12.0, 9)
        (40.0, 9, 9.491499224669911e-12),  // scipy.stats.t.sf(40.0, 9)
        (-2.0, 29, 0.9725281814085164),  // scipy.stats.t.sf(-2.0, 29)
        (0.0, 29, 0.5),  // scipy.stats.t.sf(0.0, 29)
        (1.0, 29, 0.16279099400809682),  // scipy.stats.t.sf(1.0, 29)
        (2.5, 29, 0.009162672169213043),  // scipy.stats.t.sf(2.5, 29)
        (12.0, 29, 4.5303541665685913e-13),  // scipy.stats.t.sf(12.0, 29)
        (40.0, 29, 3.173438664864671e-27),  // scipy.stats.t.sf(40.0, 29)
        (-2.0, 1000, 0.9771148267533741),  // scipy.stats.t.sf(-2.0, 1000)
        (0.0, 1000, 0.5),  // scipy.stats.t.sf(0.0, 1000)
        (1.0, 1000, 0.15877620904233627),  // scipy.stats.t.sf(1.0, 1000)
        (2.5, 1000, 0.0062892839005454036),  // scipy.stats.t.sf(2.5, 1000)
        (12.0, 1000, 2.1620286933872145e-31),  // scipy.stats.t.sf(12.0, 1000)
        (40.0, 1000, 5.239426077586636e-210),  // scipy.stats.t.sf(40.0, 1000)
        (-2.0, 1000000, 0.9772497330743404),  // scipy.stats.t.sf(-2.0, 1000000)
        (0.0, 1000000, 0.5),  // scipy.stats.t.sf(0.0, 1000000)
        (1.0, 1000000, 0.15865537491678916),  // scipy.stats.t.sf(1.0, 1000000)
        (2.5, 1000000, 0.006209744751081627),  // scipy.stats.t.sf(2.5, 1000000)
        (12.0, 1000000, 1.785842562382547e-33),  // scipy.stats.t.sf(12.0, 1000000)
        (40.0, 1000000, 0.0),  // scipy.stats.t.sf(40.0, 1000000)
]

private let twoSidedReferences: [(t: Double, df: Double, p: Double)] = [
        (1.0, 1, 0.5000000000000001),  // 2 * scipy.stats.t.sf(abs(1.0), 1)
        (-4.3, 2, 0.05005715411709159),  // 2 * scipy.stats.t.sf(abs(-4.3), 2)
        (2.776445105197793, 4, 0.05000000000000008),  // 2 * scipy.stats.t.sf(abs(2.776445105197793), 4)
        (40.0, 9, 1.8982998449339822e-11),  // 2 * scipy.stats.t.sf(abs(40.0), 9)
        (-40.0, 10, 2.2808577430857535e-12),  // 2 * scipy.stats.t.sf(abs(-40.0), 10)
        (3.0338973946137853, 24, 0.005724730473922336),  // 2 * scipy.stats.t.sf(abs(3.0338973946137853), 24)
        (0.01, 100, 0.9920412102344285),  // 2 * scipy.stats.t.sf(abs(0.01), 100)
        (6.742036089014599, 1999, 2.037120467190659e-11),  // 2 * scipy.stats.t.sf(abs(6.742036089014599), 1999)
        (5.0, 1000000, 5.733997870890745e-07),  // 2 * scipy.stats.t.sf(abs(5.0), 1000000)
]

private let quantileReferences: [(p: Double, df: Double, t: Double)] = [
        (1e-10, 1, -3183098861.8379064),  // scipy.stats.t.ppf(1e-10, 1)
        (0.001, 1, -318.30883898555044),  // scipy.stats.t.ppf(0.001, 1)
        (0.025, 1, -12.706204736174705),  // scipy.stats.t.ppf(0.025, 1)
        (0.3, 1, -0.7265425280053609),  // scipy.stats.t.ppf(0.3, 1)
        (0.975, 1, 12.706204736174694),  // scipy.stats.t.ppf(0.975, 1)
        (0.995, 1, 63.656741162871526),  // scipy.stats.t.ppf(0.995, 1)
        (0.999999999, 1, 318309895.1862093),  // scipy.stats.t.ppf(0.999999999, 1)
        (1e-10, 2, -70710.67810804816),  // scipy.stats.t.ppf(1e-10, 2)
        (0.001, 2, -22.327124770119873),  // scipy.stats.t.ppf(0.001, 2)
        (0.025, 2, -4.302652729749464),  // scipy.stats.t.ppf(0.025, 2)
        (0.3, 2, -0.6172133998483678),  // scipy.stats.t.ppf(0.3, 2)
        (0.975, 2, 4.302652729749462),  // scipy.stats.t.ppf(0.975, 2)
        (0.995, 2, 9.924843200918287),  // scipy.stats.t.ppf(0.995, 2)
        (0.999999999, 2, 22360.68005765849),  // scipy.stats.t.ppf(0.999999999, 2)
        (1e-10, 3, -2225.769284683093),  // scipy.stats.t.ppf(1e-10, 3)
        (0.001, 3, -10.214531852407385),  // scipy.stats.t.ppf(0.001, 3)
        (0.025, 3, -3.1824463052837086),  // scipy.stats.t.ppf(0.025, 3)
        (0.3, 3, -0.5843897274398188),  // scipy.stats.t.ppf(0.3, 3)
        (0.975, 3, 3.1824463052837078),  // scipy.stats.t.ppf(0.975, 3)
        (0.995, 3, 5.840909309733355),  // scipy.stats.t.ppf(0.995, 3)
        (0.999999999, 3, 1033.1096842432753),  // scipy.stats.t.ppf(0.999999999, 3)
        (1e-10, 4, -416.1751403296041),  // scipy.stats.t.ppf(1e-10, 4)
        (0.001, 4, -7.1731822197823085),  // scipy.stats.t.ppf(0.001, 4)
        (0.025, 4, -2.7764451051977943),  // scipy.stats.t.ppf(0.025, 4)
        (0.3, 4, -0.5686490630497053),  // scipy.stats.t.ppf(0.3, 4)
        (0.975, 4, 2.7764451051977934),  // scipy.stats.t.ppf(0.975, 4)
        (0.995, 4, 4.604094871349992),  // scipy.stats.t.ppf(0.995, 4)
        (0.999999999, 4, 234.02761206090787),  // scipy.stats.t.ppf(0.999999999, 4)
        (1e-10, 5, -156.82559270889433),  // scipy.stats.t.ppf(1e-10, 5)
        (0.001, 5, -5.893429531356009),  // scipy.stats.t.ppf(0.001, 5)
        (0.025, 5, -2.5705818356363155),  // scipy.stats.t.ppf(0.025, 5)
        (0.3, 5, -0.5594296444693604),  // scipy.stats.t.ppf(0.3, 5)
        (0.975, 5, 2.5705818356363146),  // scipy.stats.t.ppf(0.975, 5)
        (0.995, 5, 4.032142983555228),  // scipy.stats.t.ppf(0.995, 5)
        (0.999999999, 5, 98.93722520824214),  // scipy.stats.t.ppf(0.999999999, 5)
        (1e-10, 9, -30.737330949971977),  // scipy.stats.t.ppf(1e-10, 9)
        (0.001, 9, -4.296805662729919),  // scipy.stats.t.ppf(0.001, 9)
        (0.025, 9, -2.2621571627982053),  // scipy.stats.t.ppf(0.025, 9)
        (0.3, 9, -0.5434802414542969),  // scipy.stats.t.ppf(0.3, 9)
        (0.975, 9, 2.262157162798205),  // scipy.stats.t.ppf(0.975, 9)
        (0.995, 9, 3.249835541592126),  // scipy.stats.t.ppf(0.995, 9)
        (0.999999999, 9, 23.72991989503043),  // scipy.stats.t.ppf(0.999999999, 9)
        (1e-10, 10, -25.466008021697725),  // scipy.stats.t.ppf(1e-10, 10)
        (0.001, 10, -4.143700494046589),  // scipy.stats.t.ppf(0.001, 10)
        (0.025, 10, -2.2281388519862753),  // scipy.stats.t.ppf(0.025, 10)
        (0.3, 10, -0.5415280387550154),  // scipy.stats.t.ppf(0.3, 10)
        (0.975, 10, 2.228138851986274),  // scipy.stats.t.ppf(0.975, 10)
        (0.995, 10, 3.16927267261695),  // scipy.stats.t.ppf(0.995, 10)
        (0.999999999, 10, 20.144697824931782),  // scipy.stats.t.ppf(0.999999999, 10)
        (1e-10, 29, -9.51796550493783),  // scipy.stats.t.ppf(1e-10, 29)
        (0.001, 29, -3.396240288356803),  // scipy.stats.t.ppf(0.001, 29)
        (0.025, 29, -2.045229642132704),  // scipy.stats.t.ppf(0.025, 29)
        (0.3, 29, -0.530214395709161),  // scipy.stats.t.ppf(0.3, 29)
        (0.975, 29, 2.045229642132703),  // scipy.stats.t.ppf(0.975, 29)
        (0.995, 29, 2.756385903670605),  // scipy.stats.t.ppf(0.995, 29)
        (0.999999999, 29, 8.556427319117425),  // scipy.stats.t.ppf(0.999999999, 29)
        (1e-10, 99, -7.09135060835146),  // scipy.stats.t.ppf(1e-10, 99)
        (0.001, 99, -3.1746038497557527),  // scipy.stats.t.ppf(0.001, 99)
        (0.025, 99, -1.9842169515864176),  // scipy.stats.t.ppf(0.025, 99)
        (0.3, 99, -0.5260932405485903),  // scipy.stats.t.ppf(0.3, 99)
        (0.975, 99, 1.9842169515864174),  // scipy.stats.t.ppf(0.975, 99)
        (0.995, 99, 2.626405457280827),  // scipy.stats.t.ppf(0.995, 99)
        (0.999999999, 99, 6.605517614995367),  // scipy.stats.t.ppf(0.999999999, 99)
        (1e-10, 999, -6.427943479659739),  // scipy.stats.t.ppf(1e-10, 999)
        (0.001, 999, -3.0984103617533125),  // scipy.stats.t.ppf(0.001, 999)
        (0.025, 999, -1.9623414611334498),  // scipy.stats.t.ppf(0.025, 999)
        (0.3, 999, -0.5245678747137387),  // scipy.stats.t.ppf(0.3, 999)
        (0.975, 999, 1.9623414611334493),  // scipy.stats.t.ppf(0.975, 999)
        (0.995, 999, 2.5807596372676365),  // scipy.stats.t.ppf(0.995, 999)
        (0.999999999, 999, 6.05374666248338),  // scipy.stats.t.ppf(0.999999999, 999)
        (1e-10, 9999, -6.367942012180259),  // scipy.stats.t.ppf(1e-10, 9999)
        (0.001, 9999, -3.091047597579455),  // scipy.stats.t.ppf(0.001, 9999)
        (0.025, 9999, -1.9602012636213577),  // scipy.stats.t.ppf(0.025, 9999)
        (0.3, 9999, -0.5244172300172399),  // scipy.stats.t.ppf(0.3, 9999)
        (0.975, 9999, 1.960201263621357),  // scipy.stats.t.ppf(0.975, 9999)
        (0.995, 9999, 2.5763210958565974),  // scipy.stats.t.ppf(0.995, 9999)
        (0.999999999, 9999, 6.003356007893414),  // scipy.stats.t.ppf(0.999999999, 9999)
        (1e-10, 99999, -6.362000426439518),  // scipy.stats.t.ppf(1e-10, 99999)
        (0.001, 99999, -3.090313810242298),  // scipy.stats.t.ppf(0.001, 99999)
        (0.025, 99999, -1.9599877077718448),  // scipy.stats.t.ppf(0.025, 99999)
        (0.3, 99999, -0.5244021842502614),  // scipy.stats.t.ppf(0.3, 99999)
        (0.975, 99999, 1.9599877077718442),  // scipy.stats.t.ppf(0.975, 99999)
        (0.995, 99999, 2.575878470400052),  // scipy.stats.t.ppf(0.995, 99999)
        (0.999999999, 99999, 5.998361471819241),  // scipy.stats.t.ppf(0.999999999, 99999)
        (1e-10, 1000000, -6.361406848876743),  // scipy.stats.t.ppf(1e-10, 1000000)
        (0.001, 1000000, -3.09024045631652),  // scipy.stats.t.ppf(0.001, 1000000)
        (0.025, 1000000, -1.9599663568141072),  // scipy.stats.t.ppf(0.025, 1000000)
        (0.3, 1000000, -0.5244006798602092),  // scipy.stats.t.ppf(0.3, 1000000)
        (0.975, 1000000, 1.959966356814107),  // scipy.stats.t.ppf(0.975, 1000000)
        (0.995, 1000000, 2.5758342201053344),  // scipy.stats.t.ppf(0.995, 1000000)
        (0.999999999, 1000000, 5.997862460304971),  // scipy.stats.t.ppf(0.999999999, 1000000)
        (0.001, 0.5, -102849.11563017554),  // scipy.stats.t.ppf(0.001, 0.5)
        (0.025, 0.5, -164.55767348048846),  // scipy.stats.t.ppf(0.025, 0.5)
        (0.975, 0.5, 164.55767348048818),  // scipy.stats.t.ppf(0.975, 0.5)
        (0.001, 1.5, -52.18443000899265),  // scipy.stats.t.ppf(0.001, 1.5)
        (0.025, 1.5, -6.016663104427933),  // scipy.stats.t.ppf(0.025, 1.5)
        (0.975, 1.5, 6.016663104427929),  // scipy.stats.t.ppf(0.975, 1.5)
        (0.001, 2.5, -13.822193110865964),  // scipy.stats.t.ppf(0.001, 2.5)
        (0.025, 2.5, -3.5746548420036834),  // scipy.stats.t.ppf(0.025, 2.5)
        (0.975, 2.5, 3.5746548420036817),  // scipy.stats.t.ppf(0.975, 2.5)
]

// scipy.stats.t.ppf is only good to ~1e-11 here (and off by 4e-5 at ν = 4), so mpmath is the reference.
private let centralQuantileReferences: [(p: Double, df: Double, t: Double)] = [
        (0.499999, 3, -2.7206990462830087e-06),  // mpmath; scipy.stats.t.ppf(0.499999, 3) = np.float64(-2.7206990463044742e-06)
        (0.499999, 4, -2.6666666665992693e-06),  // mpmath; scipy.stats.t.ppf(0.499999, 4) = np.float64(-2.666766695183308e-06)
        (0.499999, 10, -2.569978034864843e-06),  // mpmath; scipy.stats.t.ppf(0.499999, 10) = np.float64(-2.569978034882522e-06)
]

@Test(arguments: cdfReferences)
func studentCDFMatchesSciPy(t: Double, df: Double, cdf: Double) {
    #expect(isClose(StudentT(degreesOfFreedom: df).cdf(t), cdf, relative: 1e-12))
}

@Test(arguments: survivalReferences)
func studentSurvivalKeepsRelativePrecisionFarIntoTheTail(t: Double, df: Double, survival: Double) {
    #expect(isClose(StudentT(degreesOfFreedom: df).survival(t), survival, relative: 1e-12))
}

@Test(arguments: twoSidedReferences)
func twoSidedPValuesMatchSciPyIncludingNearZero(t: Double, df: Double, p: Double) {
    #expect(isClose(StudentT(degreesOfFreedom: df).twoSidedPValue(t), p, relative: 1e-12))
}

@Test(arguments: quantileReferences)
func studentQuantileIsAccurateTo1e12FromOneToAMillionDegreesOfFreedom(p: Double, df: Double, t: Double) {
    #expect(isClose(StudentT(degreesOfFreedom: df).quantile(p), t, relative: 1e-12))
}

@Test(arguments: centralQuantileReferences)
func studentQuantileKeepsRelativePrecisionNearTheCentre(p: Double, df: Double, t: Double) {
    #expect(isClose(StudentT(degreesOfFreedom: df).quantile(p), t, relative: 1e-12))
}

@Test(arguments: [1.0, 2, 3, 7, 30, 1e3, 1e5, 1e6, 1e7])
func studentQuantileInvertsTheCDF(df: Double) {
    let distribution = StudentT(degreesOfFreedom: df)
    for p in [1e-9, 0.001, 0.025, 0.2, 0.4999, 0.6, 0.975, 0.999] {
        let t = distribution.quantile(p)
        let back = p < 0.5 ? distribution.cdf(t) : distribution.survival(t)
        #expect(isClose(back, p < 0.5 ? p : 1 - p, relative: 1e-12), "ν = \(df), p = \(p)")
    }
}

@Test func studentQuantileIsSymmetricAndHandlesItsEnds() {
    let distribution = StudentT(degreesOfFreedom: 9)
    #expect(distribution.quantile(0.5) == 0)
    #expect(distribution.quantile(0) == -.infinity)
    #expect(distribution.quantile(1) == .infinity)
    #expect(distribution.quantile(1.5).isNaN)
    #expect(distribution.quantile(0.025) == -distribution.quantile(0.975))
}

@Test func cauchyAndTwoDegreesOfFreedomUseTheirClosedForms() {
    // ν = 1: t = tan(π(p − ½)); ν = 2: t = (2p − 1)/√(2p(1 − p)).
    #expect(isClose(StudentT(degreesOfFreedom: 1).quantile(0.975), 12.706204736174698, relative: 1e-14))  // scipy.stats.t.ppf(0.975, 1)
    #expect(isClose(StudentT(degreesOfFreedom: 2).quantile(0.975), 4.302652729749464, relative: 1e-14))  // scipy.stats.t.ppf(0.975, 2)
}

@Test func hugeStatisticsGiveTailsWithoutOverflow() {
    let cauchy = StudentT(degreesOfFreedom: 1)
    // P(|T| > t) = 2/(πt) · (1 − 1/(3t²) + …) for the Cauchy distribution.
    #expect(isClose(cauchy.twoSidedPValue(1e10), 2 / (Double.pi * 1e10), relative: 1e-14))
    #expect(cauchy.survival(.infinity) == 0)
    #expect(cauchy.cdf(-.infinity) == 0)
    #expect(StudentT(degreesOfFreedom: 9).survival(1e200) == 0)
    #expect(StudentT(degreesOfFreedom: 9).cdf(1e200) == 1)
    #expect(StudentT(degreesOfFreedom: 9).twoSidedPValue(0) == 1)
}

@Test func veryLargeDegreesOfFreedomApproachTheNormal() {
    let nearNormal = StudentT(degreesOfFreedom: 1e300)
    #expect(nearNormal.quantile(0.975) == StandardNormal.quantile(0.975))
    #expect(nearNormal.cdf(1.5) == StandardNormal.cdf(1.5))
}
